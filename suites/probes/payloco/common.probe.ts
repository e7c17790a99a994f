import { probes } from '../../../src/engine/probe-file.js';
import { ensureRejected, paths, qrPayBody, without } from './fixtures.js';

// P4: only version 2.0.0 is accepted, and version may not be left out (不能不传); merchantId is required.
export default probes('payloco · common parameters', (p) => {
  p.check(
    {
      id: 'PL-COM-001',
      title: 'a pay with version 1.0.0 is rejected',
      level: 'MUST',
      reading: 'P4',
      endpoint: 'pay',
      capability: 'payin',
      clause: 'API version, current version is【2.0.0】, only 2.0.0 is accepted',
      spec: { section: 'payloco public-body/request' },
      killedBy: ['version-not-checked'],
    },
    async (t) => {
      const res = await t.post(paths.pay, qrPayBody(t, { version: '1.0.0' }));
      ensureRejected(res, 'a pay with version 1.0.0');
    },
  );

  p.check(
    {
      id: 'PL-COM-003',
      title: 'a pay without version is rejected',
      level: 'MUST',
      reading: 'P4',
      endpoint: 'pay',
      capability: 'payin',
      clause:
        '`version` is required as well: the docs\' table marks it required and says it "may not be omitted" (不能不传), so a request without `version` MUST fail like one with another value.',
      spec: { section: 'payloco public-body/request' },
      note: 'The Chinese request table: version | required | 目前只能传2.0.0,不能不传 (only 2.0.0 may be passed and it may not be omitted).',
      killedBy: ['version-missing-accepted', 'version-not-checked'],
    },
    async (t) => {
      const res = await t.post(paths.pay, without(qrPayBody(t), 'version'));
      ensureRejected(res, 'a pay without version');
    },
  );

  p.check(
    {
      id: 'PL-COM-002',
      title: 'a pay without merchantId is rejected',
      level: 'MUST',
      reading: 'P4',
      endpoint: 'pay',
      capability: 'payin',
      clause: 'merchantId | string | Merchant ID | 2001000000002036 | Yes',
      spec: { section: 'payloco public-body/request' },
      killedBy: ['merchant-id-not-required'],
    },
    async (t) => {
      const res = await t.post(paths.pay, without(qrPayBody(t), 'merchantId'));
      ensureRejected(res, 'a pay without merchantId');
    },
  );
});
