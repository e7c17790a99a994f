import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { redactText, registerSecret } from '../core/redact.js';
import { contractsDir } from '../pact/contract.js';
import { unreachableBroker } from '../pact/reach.js';

// pact-js 16 / pact-core 19 ship no publisher (the Ruby CLI is gone), so contracts are published through the Pact
// Broker HTTP API directly: PUT /pacts/provider/{provider}/consumer/{consumer}/version/{version} per pact file, then
// PUT /pacticipants/{consumer}/branches/{branch}/versions/{version} when a branch is given.

export interface PublishOptions {
  brokerUrl: string;
  consumerVersion: string;
  branch?: string;
  token?: string;
  /** Default: every contracts/*.json. */
  files?: string[];
  timeoutMs?: number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export interface Published {
  file: string;
  consumer: string;
  provider: string;
  url: string;
  status: number;
}

export class PublishError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

const seg = (s: string) => encodeURIComponent(s);

export function contractFiles(dir = contractsDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

async function put(opts: PublishOptions, url: string, body: string): Promise<number> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/hal+json',
  };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const doFetch = opts.fetch ?? ((i, init) => fetch(i, init));
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'PUT',
      headers,
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new PublishError(unreachableBroker(opts.brokerUrl.replace(/\/+$/, ''), err));
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new PublishError(`PUT ${url}: HTTP ${res.status} ${text.slice(0, 300)}`, res.status);
  return res.status;
}

/** Publishes pact files to a Pact Broker; throws PublishError on the first refusal. */
export async function publishContracts(opts: PublishOptions): Promise<Published[]> {
  const base = opts.brokerUrl.replace(/\/+$/, '');
  const files = opts.files ?? contractFiles();
  if (files.length === 0) throw new PublishError('no pact files to publish');
  const out: Published[] = [];
  const consumers = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let pact: any;
    try {
      pact = JSON.parse(text);
    } catch {
      throw new PublishError(`${file} is not JSON`);
    }
    const consumer = pact?.consumer?.name;
    const provider = pact?.provider?.name;
    if (typeof consumer !== 'string' || typeof provider !== 'string')
      throw new PublishError(`${file} names no consumer and provider`);
    const url = `${base}/pacts/provider/${seg(provider)}/consumer/${seg(consumer)}/version/${seg(opts.consumerVersion)}`;
    const status = await put(opts, url, text);
    out.push({ file, consumer, provider, url, status });
    consumers.add(consumer);
  }
  if (opts.branch)
    for (const consumer of consumers)
      await put(
        opts,
        `${base}/pacticipants/${seg(consumer)}/branches/${seg(opts.branch)}/versions/${seg(opts.consumerVersion)}`,
        '{}',
      );
  return out;
}

export interface PublishFlags {
  brokerUrl?: string;
  consumerVersion?: string;
  branch?: string;
  pact?: string[];
}

/** `paycert publish`: exit 0 when every contract was accepted, 2 otherwise (usage, broker unreachable or refusing). */
export async function publishCommand(flags: PublishFlags): Promise<number> {
  if (!flags.brokerUrl) throw new UsageError('--broker-url is required');
  if (!flags.consumerVersion) throw new UsageError('--consumer-version is required');
  try {
    const u = new URL(flags.brokerUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--broker-url must be an http(s) URL, got ${flags.brokerUrl}`);
  }
  const token = process.env.PACT_BROKER_TOKEN || undefined;
  if (token) registerSecret(token);
  try {
    const published = await publishContracts({
      brokerUrl: flags.brokerUrl,
      consumerVersion: flags.consumerVersion,
      branch: flags.branch,
      token,
      files: flags.pact?.length ? flags.pact : undefined,
    });
    for (const p of published)
      process.stdout.write(
        `published ${p.consumer} → ${p.provider} version ${flags.consumerVersion} (HTTP ${p.status})\n`,
      );
    if (flags.branch)
      process.stdout.write(`branch ${flags.branch} recorded for version ${flags.consumerVersion}\n`);
    return 0;
  } catch (err) {
    if (err instanceof PublishError) {
      process.stderr.write(`paycert: ${redactText(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}
