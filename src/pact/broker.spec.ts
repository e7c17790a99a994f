import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { type StubBroker, startStubBroker } from '../../test/kits/broker-stub.js';
import { publishContracts } from '../commands/publish.js';
import { startEmbedded } from '../engine/embedded.js';
import { CONSUMER, contractFile, PROVIDER } from './contract.js';
import { verifyContracts } from './verify.js';

// The broker path end to end against a stand-in broker on 127.0.0.1 (test/kits/broker-stub.ts).

const TOKEN = 'stub-token';

async function verifyFromBroker(broker: StubBroker, fault?: string, token = TOKEN) {
  const { target, mock } = await startEmbedded('lesspay', { variant: 'b', fault });
  try {
    return await verifyContracts({
      gateway: 'lesspay',
      baseUrl: target.baseUrl,
      credentials: target.credentials,
      timeoutMs: 5000,
      deadlineMs: 40_000,
      broker: {
        url: broker.url,
        token,
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        publishResults: true,
        providerVersion: '1.2.3',
      },
    });
  } finally {
    await mock.close();
  }
}

describe('pact/broker: publish and verify through a broker', function () {
  this.timeout(60_000);
  let broker: StubBroker;
  beforeEach(async () => {
    broker = await startStubBroker({ token: TOKEN });
  });
  afterEach(() => broker.close());

  it('publishes contracts/*.json with the consumer version and branch', async () => {
    const published = await publishContracts({
      brokerUrl: broker.url,
      consumerVersion: '0.1.0+abc',
      branch: 'main',
      token: TOKEN,
    });
    expect(published.map((p) => p.provider).sort()).to.deep.equal(['lesspay', 'payloco']);
    const puts = broker.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).to.include(`/pacts/provider/lesspay/consumer/${CONSUMER.lesspay}/version/0.1.0+abc`);
    expect(puts).to.include(`/pacticipants/${CONSUMER.payloco}/branches/main/versions/0.1.0+abc`);
    expect(broker.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).to.equal(true);
  });

  it('verifies what the broker serves, sends the selectors and publishes the result', async () => {
    await publishContracts({
      brokerUrl: broker.url,
      consumerVersion: '0.1.0',
      token: TOKEN,
      files: [contractFile('lesspay')],
    });
    const r = await verifyFromBroker(broker);
    expect(r.verdict, JSON.stringify(r.gateways)).to.equal('certified');
    const interactions = JSON.parse(readFileSync(contractFile('lesspay'), 'utf8')).interactions.length;
    expect(r.checks).to.have.length(interactions);
    expect(r.checks[0]!.id).to.equal('PACT-LP-001');
    expect(r.checks.find((c) => c.title === 'a payout is queried by request_id')!.reading).to.equal('L9');
    const query = broker.requests.find((q) => q.method === 'POST' && q.path.endsWith('/for-verification'));
    expect((query!.body as any).consumerVersionSelectors).to.deep.equal([
      { mainBranch: true },
      { deployedOrReleased: true },
    ]);
    expect(broker.verificationResults).to.have.length(1);
    expect(broker.verificationResults[0]).to.deep.include({
      provider: PROVIDER.lesspay,
      consumer: CONSUMER.lesspay,
    });
    expect(broker.verificationResults[0]!.body).to.include({
      success: true,
      providerApplicationVersion: '1.2.3',
    });
  });

  it('publishes a failed verification as success: false', async () => {
    await publishContracts({
      brokerUrl: broker.url,
      consumerVersion: '0.1.0',
      token: TOKEN,
      files: [contractFile('lesspay')],
    });
    const r = await verifyFromBroker(broker, 'query-msg-time-wrong');
    expect(r.verdict).to.equal('not-certified');
    expect(r.checks.filter((c) => c.status === 'failed').map((c) => c.title)).to.deep.equal([
      'a pay-in query with start_time after end_time is refused',
    ]);
    expect(broker.verificationResults[0]!.body.success).to.equal(false);
  });

  it('a broker refusing the token is an error, not a verdict', async () => {
    await publishContracts({
      brokerUrl: broker.url,
      consumerVersion: '0.1.0',
      token: TOKEN,
      files: [contractFile('lesspay')],
    });
    const r = await verifyFromBroker(broker, undefined, 'wrong-token');
    expect(r.verdict).to.equal('error');
    expect(r.gateways[0]!.error).to.be.a('string');
  });

  it('a broker refusing a publication raises PublishError', async () => {
    let error: Error | undefined;
    try {
      await publishContracts({ brokerUrl: broker.url, consumerVersion: '1', token: 'nope' });
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).to.equal('PublishError');
    expect(error?.message).to.match(/HTTP 401/);
  });
});
