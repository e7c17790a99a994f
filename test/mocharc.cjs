// `npm test`: every spec file, in parallel processes (mocha --parallel). One process more than cores: the slow files
// spend more than half their time waiting on the wall clock (webhook retries, deadlines; the Lesspay self-test took
// 110 s with 45 s of CPU), so a third process keeps both cores busy. The rooms whose files run longest (the self-test
// certifies every mock × fault; hostile, CLI and example tests start whole runs) start first, so none of them is
// left to run alone at the end. Single files (`npx mocha <file>`) use .mocharc.json.
const { readdirSync } = require('node:fs');
const { availableParallelism, cpus } = require('node:os');
const { join } = require('node:path');

const ROOTS = ['test', 'examples', 'src', 'mocks', 'suites', 'scripts'];
const FIRST = [
  'test/selftest/',
  'test/hostile/',
  'test/cli/',
  'examples/',
  'src/drivers/',
  'src/pact/',
  'test/',
];

function specs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : specs(path);
    return e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const rank = (file) => {
  const i = FIRST.findIndex((prefix) => file.startsWith(prefix));
  return i < 0 ? FIRST.length : i;
};

module.exports = {
  ...require('../.mocharc.json'),
  parallel: true,
  jobs: (availableParallelism?.() ?? cpus().length) + 1,
  spec: ROOTS.flatMap((root) => specs(root)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
};
