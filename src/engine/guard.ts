import { domainToASCII } from 'node:url';
import { UsageError } from '../core/errors.js';
import { gateways } from '../gateways/index.js';

// A certification run creates orders and payouts: it must not reach a production gateway by accident.

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The host as DNS resolves it: lower case, IDN as punycode, without the trailing dot of a fully qualified name
 * (`Pay.DooPayment.com.` is pay.doopayment.com). */
export function normalHost(host: string): string {
  const h = host.toLowerCase().replace(/\.+$/, '');
  if (h.startsWith('[')) return h;
  return domainToASCII(h) || h;
}

/** Production: a host of a gateway's domain that is not a documented sandbox, UAT or dev host (the models' hosts). */
export function isProductionHost(host: string): boolean {
  const h = normalHost(host);
  if (isLoopback(h)) return false;
  return gateways().some(
    ({ hosts }) => !hosts.sandboxes.includes(h) && hosts.domains.some((d) => h === d || h.endsWith(`.${d}`)),
  );
}

export function parseBaseUrl(value: string, allowProduction: boolean): string {
  // `localhost:18080` parses as a URL of scheme "localhost:": say what is missing, not what the parser saw.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && /^[\w.-]+(:\d+)?(\/|$)/.test(value))
    throw new UsageError(`--base-url needs a scheme: http://${value} (or https://${value})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url is not a valid URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url must be http(s), got ${url.protocol}`);
  }
  if (isProductionHost(url.hostname) && !allowProduction) {
    throw new UsageError(
      `${url.hostname} looks like a production gateway host; pass --allow-production to certify it`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
