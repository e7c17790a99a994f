import { UsageError } from '../core/errors.js';
import { mockModule } from '../engine/embedded.js';
import { gatewayModel, parseGateway } from '../gateways/index.js';

export interface ServeFlags {
  port: number;
  host: string;
  variant: string;
  fault?: string;
  listFaults: boolean;
}

/** `paycert serve`: runs a bundled mock until interrupted. Its test credentials are printed on purpose. */
export async function serveCommand(gatewayArg: string, flags: ServeFlags): Promise<number> {
  const gateway = parseGateway(gatewayArg);
  const mod = await mockModule(gateway);
  if (flags.listFaults) {
    for (const [name, f] of Object.entries(mod.faults))
      process.stdout.write(`${name.padEnd(34)} ${f.reading.padEnd(4)} ${f.description}\n`);
    return 0;
  }
  if (flags.fault && !(flags.fault in mod.faults)) {
    throw new UsageError(
      `unknown fault "${flags.fault}" for ${gateway}: see paycert serve ${gateway} --list-faults`,
    );
  }
  let mock: Awaited<ReturnType<typeof mod.start>>;
  try {
    mock = await mod.start({
      host: flags.host,
      port: flags.port,
      variant: flags.variant,
      fault: flags.fault,
    });
  } catch (err) {
    throw new UsageError(
      `cannot listen on ${flags.host}:${flags.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const what = flags.fault ? `fault variant "${flags.fault}"` : `conformant variant ${flags.variant}`;
  process.stdout.write(
    [
      `${gateway} reference mock (${what}) listening on ${mock.url}`,
      '',
      'Test credentials (bundled, test-only):',
      ...gatewayModel(gateway)
        .credentials.exportLines(mock.credentials)
        .map((l) => `  ${l}`),
      '',
      `Certify it:  npx paycert run ${gateway} --base-url ${mock.url}`,
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await mock.close();
  return 0;
}
