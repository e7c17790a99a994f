// The results types live with the reporters that render them; the harness uses the same names.
export type {
  Check as CheckResult,
  Gateway,
  GatewayResult,
  HttpExchange as Exchange,
  Level,
  Results,
  Status,
  Summary,
  Verdict,
} from './report/types.js';
