import { registerSecret } from '../core/redact.js';
import { type VerifyContractsOptions, verifyContracts } from './verify.js';

// The native Pact core prints its verification report straight to file descriptor 1, which no JavaScript code in
// the same process can redirect. `paycert verify` therefore runs the verification in this child process, whose
// stdout is a file: the console keeps only paycert's own lines (see verify-process.ts).

interface Request {
  opts: VerifyContractsOptions;
  secrets: string[];
}

process.once('message', async (msg: Request) => {
  for (const s of msg.secrets) registerSecret(s);
  try {
    const results = await verifyContracts(msg.opts);
    process.send!({ results }, () => process.exit(0));
  } catch (err) {
    process.send!({ error: (err as Error).message }, () => process.exit(1));
  }
});
