import { expect } from 'chai';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CANARIES, loadFixture } from '../../test/fixtures/results/index.js';
import { renderJunit } from './junit.js';

interface Outcome {
  message?: string;
  type?: string;
  inner?: string;
}
interface TestCase {
  name?: string;
  classname?: string;
  time?: number;
  failure?: Outcome[];
  error?: Outcome[];
  skipped?: Outcome[];
  'system-out'?: string[];
}
interface TestSuites {
  tests?: number;
  testsuite?: {
    name?: string;
    tests?: number;
    failures?: number;
    errors?: number;
    skipped?: number;
    testcase?: TestCase[];
  }[];
}

const LISTS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped', 'property', 'system-out']);

/** The JUnit document as plain data: attributes as members (numbers parsed), text as `inner`, repeatable elements as lists. */
function parseSuites(xml: string): TestSuites {
  const out = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: true,
    textNodeName: 'inner',
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && LISTS.has(name),
  }).parse(xml);
  if (!out?.testsuites) throw new Error('no <testsuites> root');
  return out.testsuites as TestSuites;
}

describe('report junit', () => {
  const xml = renderJunit(loadFixture());

  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).to.equal(true);
  });

  it('has one suite per gateway whose counts match the checks (parsed)', async () => {
    const r = loadFixture();
    const out = await parseSuites(xml);
    expect(out!.tests).to.equal(r.checks.length);
    expect(out!.testsuite!.map((s) => s.name)).to.deep.equal(['paycert.lesspay', 'paycert.payloco']);
    for (const suite of out!.testsuite!) {
      const cases = suite.testcase ?? [];
      expect(suite.tests).to.equal(cases.length);
      expect(suite.failures).to.equal(cases.filter((c) => c.failure).length);
      expect(suite.errors).to.equal(cases.filter((c) => c.error).length);
      expect(suite.skipped).to.equal(cases.filter((c) => c.skipped).length);
    }
    // lesspay: 1 MUST failure (LP-AUTH-002) + the stale deviation (the SHOULD failure LP-PI-003 of this non-strict
    // run is a passed case); 1 error; 2 skips + 1 known deviation.
    const lp = out!.testsuite![0]!;
    expect([lp.tests, lp.failures, lp.errors, lp.skipped]).to.deep.equal([10, 2, 1, 3]);
    // payloco: its two SHOULD failures are passed cases, its errored SHOULD check (PL-REF-002) a skipped one.
    const pl = out!.testsuite![1]!;
    expect([pl.tests, pl.failures, pl.errors, pl.skipped]).to.deep.equal([9, 0, 0, 3]);
  });

  it('a SHOULD failure of a non-strict run is a passed case with the finding in <system-out> and a property; with --strict a <failure>', async () => {
    const out = await parseSuites(xml);
    const c = out!.testsuite![0]!.testcase!.find((t) => t.name?.startsWith('LP-PI-003'))!;
    expect(c.failure).to.equal(undefined);
    expect(c['system-out']![0]).to.match(/^SHOULD failed \(does not count without --strict\): /);
    const props = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const tc = props.testsuites.testsuite[0].testcase.find((t: any) => t['@_name'].startsWith('LP-PI-003'));
    const byName = Object.fromEntries(tc.properties.property.map((p: any) => [p['@_name'], p['@_value']]));
    expect(byName.finding).to.match(/^SHOULD failed \(does not count without --strict\): /);
    const strict = await parseSuites(renderJunit({ ...loadFixture(), strict: true }));
    expect(
      strict.testsuite![0]!.testcase!.find((t) => t.name?.startsWith('LP-PI-003'))!.failure,
    ).to.have.length(1);
  });

  it('names the scope of each gateway verdict in the suite properties', () => {
    const props = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const suite = props.testsuites.testsuite[0];
    const byName = Object.fromEntries(suite.properties.property.map((p: any) => [p['@_name'], p['@_value']]));
    expect(byName).to.include({
      scope: '7 of 12 MUST checks judged; not a certification',
      mustJudged: '7 of 12',
      'scope.runId': 'github:9412337.1',
      'scope.selection': 'whole catalogue',
      'scope.seed': '424242',
    });
  });

  it('names cases by ID and title, classes by gateway and endpoint, and carries level, reading and spec', async () => {
    const out = await parseSuites(xml);
    const c = out!.testsuite![0]!.testcase!.find((t) => t.name?.startsWith('LP-AUTH-002'))!;
    expect(c.name).to.equal('LP-AUTH-002 request with a wrong app secret is rejected with code 1002');
    expect(c.classname).to.equal('paycert.lesspay.Authentication');
    expect(c.time).to.equal(0.131);
    expect(c.failure![0]!.type).to.equal('MUST');
    expect(c.failure![0]!.inner).to.include('Expected:\n{\n  "body": {\n    "code": 1002');
    expect(c.failure![0]!.inner).to.include('Replay:\ncurl -sS -X POST');
    const props = new XMLParser({ ignoreAttributes: false }).parse(xml);
    const tc = props.testsuites.testsuite[0].testcase.find((t: any) => t['@_name'].startsWith('LP-AUTH-002'));
    const byName = Object.fromEntries(tc.properties.property.map((p: any) => [p['@_name'], p['@_value']]));
    expect(byName).to.include({
      level: 'MUST',
      reading: 'L3',
      'spec.url': 'https://docs.lesspay.example/api/v2#signing',
    });
  });

  it('reports known deviations and not-applicable checks as skipped with a reason', async () => {
    const out = await parseSuites(xml);
    const all = out!.testsuite!.flatMap((s) => s.testcase ?? []);
    const byId = (id: string) => all.find((t) => t.name?.startsWith(id))!;
    expect(byId('LP-PI-002').skipped![0]!.message).to.match(/^known deviation: Sandbox rounds amounts/);
    expect(byId('LP-PO-001').skipped![0]!.message).to.equal(
      'not applicable: target does not declare capability "payout"',
    );
    expect(byId('LP-QO-001').failure![0]!.message).to.match(/^stale deviation/);
    expect(byId('LP-QO-003').error![0]!.message).to.include('ETIMEDOUT');
  });

  it('escapes markup and strips characters XML 1.0 forbids', async () => {
    for (const canary of CANARIES) expect(xml).not.to.include(canary);
    const r = loadFixture();
    r.checks[1]!.message = 'bad \u0000\u0007 bytes \ud800 and ]]> and <x/>';
    const out = renderJunit(r);
    expect(XMLValidator.validate(out)).to.equal(true);
    const parsed = await parseSuites(out);
    expect(parsed!.testsuite![0]!.testcase![1]!.failure![0]!.message).to.equal(
      'bad  bytes  and ]]> and <x/>',
    );
  });
});
