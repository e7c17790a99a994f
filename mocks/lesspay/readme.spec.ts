import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { faultTable, TABLE_END, TABLE_START, tableCells } from './faults/table.js';
import { TEST_CREDENTIALS } from './index.js';

describe('lesspay mock: README', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

  it('lists every fault exactly as defined', () => {
    const inside = readme
      .slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END))
      .trim();
    expect(tableCells(inside)).to.deep.equal(tableCells(faultTable()));
  });

  it('states the bundled credentials', () => {
    expect(readme).to.include(TEST_CREDENTIALS.appId).and.include(TEST_CREDENTIALS.appSecret);
  });
});
