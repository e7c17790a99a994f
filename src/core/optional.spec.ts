import { expect } from 'chai';
import { UsageError } from './errors.js';
import { importOptional } from './optional.js';

describe('optional packages', () => {
  it('an installed package is imported', async () => {
    const commander = await importOptional<typeof import('commander')>('commander', 'the run command');
    expect(commander.Command).to.be.a('function');
  });

  it('a missing package is a one-line usage error naming what to install', async () => {
    const err = await importOptional('@paycert-test/not-installed', 'the verify command').catch((e) => e);
    expect(err).to.be.instanceOf(UsageError);
    expect(err.message).to.equal(
      'the verify command needs the package @paycert-test/not-installed: npm i @paycert-test/not-installed',
    );
  });
});
