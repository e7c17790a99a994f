import { expect } from 'chai';
import type { Recorded } from './recorder.js';
import { injector, scenarioOf, scenarios } from './scenarios.js';

// The injector picks which request a scenario answers; a request is made up here, the recorder is tested elsewhere.

let seq = 0;
const req = (path: string, body: string): Recorded => ({
  seq: ++seq,
  method: 'POST',
  path,
  headers: {},
  body: Buffer.from(body),
  receivedAt: Date.now(),
});
const CREATE = '/api/global/v1/pay/create-order';

describe('audit · scenario injector', () => {
  it('invalid-signature refuses the first create and every identical resend, but not a changed body', () => {
    const inject = injector(scenarioOf('lesspay', 'invalid-signature')!);
    expect(inject(req('/api/global/payout/balance', '{}'))).to.equal(undefined);
    expect(inject(req(CREATE, '{"request_id":"R1"}'))?.status).to.equal(401);
    expect(inject(req(CREATE, '{"request_id":"R1"}'))?.status).to.equal(401);
    expect(inject(req(CREATE, '{"request_id":"R2"}'))).to.equal(undefined);
    expect(inject(req('/api/global/payout/create-order', '{"request_id":"R1"}'))).to.equal(undefined);
  });

  it('a one-shot scenario answers only the first matching request', () => {
    const inject = injector(scenarioOf('lesspay', 'duplicate-request-id')!);
    expect(inject(req(CREATE, '{"request_id":"R1"}'))).to.include({ when: 'after', status: 200 });
    expect(inject(req(CREATE, '{"request_id":"R1"}'))).to.equal(undefined);
  });

  it('a hold scenario carries the hold it was given', () => {
    const inject = injector(scenarioOf('lesspay', 'create-timeout')!, 1234);
    expect(inject(req(CREATE, '{}'))).to.include({ when: 'hold', holdMs: 1234, status: 504 });
  });

  it('a scenario made of mock policies answers nothing itself', () => {
    for (const s of scenarios().filter((x) => x.mockPolicies)) {
      expect(s.answer, s.name).to.equal(undefined);
      const inject = injector(s);
      for (const path of s.paths) expect(inject(req(path, '{}')), s.name).to.equal(undefined);
    }
  });

  it('every scenario names checks, and none of its checks belongs to a scenario of the other gateway', () => {
    for (const s of scenarios()) {
      expect(s.checks, s.name).to.not.be.empty;
      for (const id of s.checks)
        expect(id.startsWith(s.gateway === 'lesspay' ? 'LPC-' : 'PLC-'), id).to.equal(true);
    }
  });
});
