import '../../src/generate/register.js';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Results } from '../../src/core/results.js';
import { certify } from '../../src/engine/certify.js';
import { catalogueFolder, declaredChecks, generatedCatalogue } from '../../src/engine/check-sources.js';
import { mockModule, startEmbedded } from '../../src/engine/embedded.js';
import { gatewayNames, parseGateway, registerGateway } from '../../src/gateways/index.js';
import { gateway as toy } from './toy/index.js';

// A third gateway is added by adding a folder: test/gateways/toy/ holds Toypay's model, catalogue, probes and mock,
// nothing under src/ names it, and once its folder is registered the engine certifies its mock end to end, and fails
// its fault variants at exactly the check each breaks.

async function certifyToy(opts: { variant?: string; fault?: string }): Promise<Results> {
  const { target, mock } = await startEmbedded('toy', opts);
  try {
    return await certify({
      targets: [target],
      timeoutMs: 5000,
      maxBodyBytes: 1_048_576,
      concurrency: 2,
      rate: 0,
      maxRequests: 1000,
      retryAfterCapMs: 10_000,
      strict: false,
      selects: () => true,
    });
  } finally {
    await mock.close();
  }
}

const failedIds = (results: Results) =>
  results.checks.filter((c) => c.status !== 'passed').map((c) => `${c.id} ${c.status}`);

describe('a test-only third gateway (test/gateways/toy)', () => {
  let unregister: () => void;
  before(() => {
    unregister = registerGateway(toy);
  });
  after(() => unregister());

  it('is one more gateway of the registry, parsed like the shipped ones', () => {
    expect(gatewayNames()).to.deep.equal(['lesspay', 'payloco', 'toy']);
    expect(parseGateway('toy')).to.equal('toy');
  });

  for (const variant of ['a', 'b']) {
    it(`is certified on its conformant mock (variant ${variant}), every check of its catalogue judged and passed`, async () => {
      const results = await certifyToy({ variant });
      expect(failedIds(results)).to.deep.equal([]);
      expect(results.checks.map((c) => c.id)).to.deep.equal([
        'TY-AUTH-001',
        'TY-AUTH-002',
        'TY-ORD-001',
        'TY-ORD-002',
        'TY-TR-001',
      ]);
      expect(results.gateways.map((g) => [g.gateway, g.verdict])).to.deep.equal([['toy', 'certified']]);
      expect(results.verdict).to.equal('certified');
    });
  }

  // Each fault breaks one reading; the check that must catch it, and the verdict a failure of its level gives.
  const expected: Record<string, [string, string]> = {
    'unsigned-accepted': ['TY-AUTH-001', 'not-certified'],
    'latin1-signature': ['TY-AUTH-002', 'not-certified'],
    'orders-forgotten': ['TY-ORD-001', 'not-certified'],
    'unknown-order-found': ['TY-ORD-002', 'not-certified'],
    'text-plain-label': ['TY-TR-001', 'certified'],
  };

  it('has a fault variant for every check of its catalogue, as its mock lists them', async () => {
    expect(Object.keys((await mockModule('toy')).faults).sort()).to.deep.equal(Object.keys(expected).sort());
    expect(
      Object.values(expected)
        .map(([id]) => id)
        .sort(),
    ).to.deep.equal(['TY-AUTH-001', 'TY-AUTH-002', 'TY-ORD-001', 'TY-ORD-002', 'TY-TR-001']);
  });

  it('its catalogue is what its call sites generate, and each fault is named at the call site of the check it breaks', async () => {
    for (const [name, text] of await generatedCatalogue('toy'))
      expect(readFileSync(catalogueFolder('toy') + name, 'utf8'), name).to.equal(text);
    const killers = (await declaredChecks('toy')).flatMap(({ meta }) =>
      meta.killedBy.map((f) => [f, meta.id]),
    );
    expect(Object.fromEntries(killers)).to.deep.equal(
      Object.fromEntries(Object.entries(expected).map(([fault, [id]]) => [fault, id])),
    );
  });

  for (const [fault, [id, verdict]] of Object.entries(expected)) {
    it(`on fault ${fault}: exactly ${id} fails, verdict ${verdict}`, async () => {
      const results = await certifyToy({ fault });
      expect(failedIds(results)).to.deep.equal([`${id} failed`]);
      expect(results.verdict).to.equal(verdict);
    });
  }
});

describe('the shipped gateway registry', () => {
  it('lists the shipped gateway folders only: the test-only gateway is not registered', () => {
    expect(gatewayNames()).to.deep.equal(['lesspay', 'payloco']);
    expect(() => parseGateway('toy')).to.throw('unknown gateway "toy": use lesspay or payloco');
  });
});
