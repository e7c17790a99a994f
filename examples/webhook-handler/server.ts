import { parseArgs } from 'node:util';
import { FAULTS, type Fault, type Gateway, startHandler } from './handler.js';

// node --import tsx examples/webhook-handler/server.ts --gateway lesspay [--fault NAME] [--port 3000]
// The secret comes from LESSPAY_APP_SECRET or PAYLOCO_WEBHOOK_SECRET.

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'lesspay' },
    fault: { type: 'string' },
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const gateway = values.gateway as Gateway;
if (gateway !== 'lesspay' && gateway !== 'payloco') throw new Error('--gateway must be lesspay or payloco');
if (values.fault && !(values.fault in FAULTS))
  throw new Error(`--fault must be one of ${Object.keys(FAULTS).join(', ')}`);
const secret = gateway === 'lesspay' ? process.env.LESSPAY_APP_SECRET : process.env.PAYLOCO_WEBHOOK_SECRET;
if (!secret)
  throw new Error(`set ${gateway === 'lesspay' ? 'LESSPAY_APP_SECRET' : 'PAYLOCO_WEBHOOK_SECRET'}`);
const handler = await startHandler({
  gateway,
  secret,
  fault: values.fault as Fault | undefined,
  host: values.host,
  port: Number(values.port),
});
process.stdout.write(`handler: ${handler.handlerUrl}\norder status: ${handler.orderStatusUrl}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void handler.close());
