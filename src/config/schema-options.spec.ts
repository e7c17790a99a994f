import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { buildProgram } from '../cli/cli.js';
import { SHIPPED_CARDS } from '../gateways/cards.js';

// Issue 23: the config file holds every option of run, audit and webhook-test, and nothing else (no drift).

const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../schemas/paycert/config.schema.json', import.meta.url)), 'utf8'),
);

/** Keys the schema lists only to refuse them (secrets) or that are not flags (audit's command). */
const NOT_FLAGS = new Set(['command']);

describe('config schema and command options (issue 23)', () => {
  for (const name of ['run', 'audit', 'webhook-test']) {
    it(`${name}: every option is a key of the "${name}" section, and every key an option`, () => {
      const cmd = buildProgram(SHIPPED_CARDS).commands.find((c) => c.name() === name)!;
      const options = cmd.options.map((o) => o.attributeName()).filter((k) => k !== 'config');
      const section = schema.properties[name].properties as Record<string, { not?: unknown }>;
      const keys = Object.entries(section)
        .filter(([k, v]) => !v.not && !NOT_FLAGS.has(k))
        .map(([k]) => k);
      expect([...keys].sort()).to.deep.equal([...options].sort());
    });
  }
});
