// `npm run test:quick`, the inner loop: the unit specs of src/, mocks/ and suites/ in parallel, without the ones that
// start the CLI or another process, a browser or Pact's native core. Under a minute; `npm test` runs everything.
const all = require('./mocharc.cjs');

const SLOW = [
  /^src\/ci\/ci-scripts\.spec\.ts$/,
  /^src\/config\/config\.spec\.ts$/,
  /^src\/drivers\/drivers\.e2e\.spec\.ts$/,
  /^src\/engine\/stray\.spec\.ts$/,
  /^src\/report\/(html\.browser|verdict-card)\.spec\.ts$/,
  /^src\/pact\//,
  /^suites\/consumer\//,
];

module.exports = {
  ...all,
  spec: all.spec.filter((f) => /^(src|mocks|suites)\//.test(f) && !SLOW.some((re) => re.test(f))),
};
