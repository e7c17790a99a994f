import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { create } from 'tar';

// A loopback npm registry for the package tests: it serves the copies of the named packages and of everything they
// depend on that this checkout has installed, one version each, packed on request. So `npm install` of paycert's
// tarballs runs npm's own resolution with no network, and a name it does not serve (paycert-schemas) answers 404:
// an install that succeeds took paycert-schemas from the tarball given beside paycert.

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The installed copy of `name` as Node would find it from `fromDir` (its realpath), or undefined. */
function locate(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every installed copy the named packages need at run time (dependencies, installed optional ones): name → version → folder. */
function closure(root: string, names: string[]): Map<string, Map<string, string>> {
  const found = new Map<string, Map<string, string>>();
  const seen = new Set<string>();
  const queue = names.map((name) => ({ name, from: root }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = locate(name, from);
    if (!dir) throw new Error(`loopback registry: ${name} is not installed in this checkout`);
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    if (!found.has(name)) found.set(name, new Map());
    found.get(name)!.set(manifest.version, dir);
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
      if (locate(dep, dir)) queue.push({ name: dep, from: dir });
  }
  return found;
}

async function tarball(dir: string): Promise<Buffer> {
  const files = readdirSync(dir).filter((f) => f !== 'node_modules');
  const chunks: Buffer[] = [];
  const stream = create({ gzip: true, cwd: dir, prefix: 'package', portable: true }, files);
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface LoopbackRegistry {
  url: string;
  close(): Promise<void>;
}

/** Starts the registry on 127.0.0.1 for these packages and their installed dependency closure. */
export async function startLoopbackRegistry(root: string, names: string[]): Promise<LoopbackRegistry> {
  const packages = closure(root, names);
  const tarballs = new Map<string, Promise<Buffer>>();
  const packed = (dir: string): Promise<Buffer> => {
    if (!tarballs.has(dir)) tarballs.set(dir, tarball(dir));
    return tarballs.get(dir)!;
  };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    const tgz = /^(.+)\/-\/(.+)\.tgz$/.exec(path);
    const name = tgz ? tgz[1]! : path;
    const versions = packages.get(name);
    // The file is <name without its scope>-<version>.tgz, as the packument below names it.
    const dir = tgz ? versions?.get(tgz[2]!.slice(name.replace(/^@[^/]+\//, '').length + 1)) : undefined;
    if (!versions || (tgz && !dir)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    if (tgz) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(await packed(dir!));
      return;
    }
    const { address, port } = server.address() as AddressInfo;
    const entries = await Promise.all(
      [...versions].map(async ([version, folder]) => {
        const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
        const body = await packed(folder);
        const file = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
        return [
          version,
          {
            ...manifest,
            optionalDependencies: Object.fromEntries(
              Object.entries(manifest.optionalDependencies ?? {}).filter(([dep]) => packages.has(dep)),
            ),
            dist: {
              tarball: `http://${address}:${port}/${name}/-/${file}`,
              integrity: `sha512-${createHash('sha512').update(body).digest('base64')}`,
              shasum: createHash('sha1').update(body).digest('hex'),
            },
          },
        ] as const;
      }),
    );
    const latest = entries
      .map(([v]) => v)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .at(-1)!;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ name, 'dist-tags': { latest }, versions: Object.fromEntries(entries) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
