import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ALT_FAULTS, type AltFault, startAltHandler } from './handler.js';

// node --import tsx examples/webhook-handler-alt/server.ts [--port 3001] [--store DIR] [--fault NAME]
// Serves Lesspay when LESSPAY_APP_SECRET is set and Payloco when PAYLOCO_WEBHOOK_SECRET is set (both at once).

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3001' },
    host: { type: 'string', default: '127.0.0.1' },
    store: { type: 'string' },
    fault: { type: 'string' },
  },
});
if (values.fault && !(values.fault in ALT_FAULTS))
  throw new Error(`--fault must be one of ${Object.keys(ALT_FAULTS).join(', ')}`);
const lesspaySecret = process.env.LESSPAY_APP_SECRET?.trim() || undefined;
const paylocoSecret = process.env.PAYLOCO_WEBHOOK_SECRET?.trim() || undefined;
if (!lesspaySecret && !paylocoSecret) throw new Error('set LESSPAY_APP_SECRET and/or PAYLOCO_WEBHOOK_SECRET');
const storeDir = values.store ?? mkdtempSync(join(tmpdir(), 'alt-handler-'));
const handler = await startAltHandler({
  lesspaySecret,
  paylocoSecret,
  storeDir,
  fault: values.fault as AltFault | undefined,
  host: values.host,
  port: Number(values.port),
});
const lines = [
  lesspaySecret && `lesspay pay-in: ${handler.lesspayUrl}\nlesspay payout: ${handler.lesspayPayoutUrl}`,
  paylocoSecret && `payloco: ${handler.paylocoUrl}`,
  `order status: ${handler.orderStatusUrl}`,
  `order setup: ${handler.orderSetupUrl}`,
  `journal: ${storeDir}`,
];
process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void handler.close());
