import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in Pact Broker for tests, on 127.0.0.1: just the HAL resources the verifier and publisher use — the index,
// "pacts for verification", the pact itself with its publish-verification-results link, verification results,
// pact publication (PUT) and branch versions. Not a broker: no matrix, no can-i-deploy, no selector semantics.

export interface BrokerRequest {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

export interface StubBroker {
  url: string;
  /** Pact JSON by `provider/consumer`, served for verification; PUTs add to it. */
  pacts: Map<string, Record<string, unknown>>;
  requests: BrokerRequest[];
  verificationResults: { provider: string; consumer: string; body: any }[];
  close(): Promise<void>;
}

export async function startStubBroker(
  opts: { token?: string; pacts?: Record<string, unknown>[] } = {},
): Promise<StubBroker> {
  const pacts = new Map<string, Record<string, unknown>>();
  const add = (p: any) => pacts.set(`${p.provider.name}/${p.consumer.name}`, p);
  for (const p of opts.pacts ?? []) add(p);
  const requests: BrokerRequest[] = [];
  const verificationResults: StubBroker['verificationResults'] = [];
  let base = '';

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {}
      const seg = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
      const path = `/${seg.join('/')}`;
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/hal+json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`)
        return send(401, { error: 'unauthorised' });

      if (req.method === 'GET' && seg.length === 0)
        return send(200, {
          _links: {
            'pb:provider-pacts-for-verification': {
              href: `${base}/pacts/provider/{provider}/for-verification`,
              templated: true,
            },
          },
        });
      // The verifier navigates to the relation (GET) before it POSTs the selectors to its self link.
      if (
        req.method === 'GET' &&
        seg[0] === 'pacts' &&
        seg[1] === 'provider' &&
        seg[3] === 'for-verification'
      )
        return send(200, { _links: { self: { href: `${base}${path}` } } });
      // POST /pacts/provider/{p}/for-verification
      if (
        req.method === 'POST' &&
        seg[0] === 'pacts' &&
        seg[1] === 'provider' &&
        seg[3] === 'for-verification'
      ) {
        const provider = seg[2]!;
        const found = [...pacts.entries()].filter(([k]) => k.startsWith(`${provider}/`));
        return send(200, {
          _embedded: {
            pacts: found.map(([k, p]) => ({
              shortDescription: `latest pact of ${(p as any).consumer.name}`,
              verificationProperties: {
                pending: false,
                notices: [{ when: 'before_verification', text: 'stub broker' }],
              },
              _links: { self: { href: `${base}/pacts/provider/${seg2(k)}/pact-version/${sha(p)}`, name: k } },
            })),
          },
        });
      }
      // GET /pacts/provider/{p}/consumer/{c}/pact-version/{sha}
      if (req.method === 'GET' && seg[0] === 'pacts' && seg[5] === 'pact-version' && seg.length === 7) {
        const p = pacts.get(`${seg[2]}/${seg[4]}`);
        if (!p) return send(404, { error: 'no such pact' });
        return send(200, {
          ...p,
          _links: {
            self: { href: `${base}${path}` },
            'pb:publish-verification-results': { href: `${base}${path}/verification-results` },
          },
        });
      }
      // POST …/verification-results
      if (req.method === 'POST' && seg.at(-1) === 'verification-results') {
        verificationResults.push({ provider: seg[2]!, consumer: seg[4] ?? '', body });
        return send(201, { success: (body as any)?.success, _links: { self: { href: `${base}${path}/1` } } });
      }
      // PUT /pacts/provider/{p}/consumer/{c}/version/{v}
      if (req.method === 'PUT' && seg[0] === 'pacts' && seg[3] === 'consumer' && seg[5] === 'version') {
        if (typeof body !== 'object' || body === null) return send(400, { error: 'not a pact' });
        add(body);
        return send(201, { _links: { self: { href: `${base}${path}` } } });
      }
      // PUT /pacticipants/{c}/branches/{b}/versions/{v}
      if (req.method === 'PUT' && seg[0] === 'pacticipants' && seg[2] === 'branches' && seg[4] === 'versions')
        return send(201, { _links: { self: { href: `${base}${path}` } } });
      send(404, { error: `stub broker: no route for ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    pacts,
    requests,
    verificationResults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `provider/consumer` → `{provider}/consumer/{consumer}` path segments. */
function seg2(key: string): string {
  const [provider, consumer] = key.split('/');
  return `${encodeURIComponent(provider!)}/consumer/${encodeURIComponent(consumer!)}`;
}

function sha(p: unknown): string {
  return createHash('sha1').update(JSON.stringify(p)).digest('hex');
}
