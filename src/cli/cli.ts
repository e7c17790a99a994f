import { Command, CommanderError, Option } from 'commander';
import type { ConfigGateways } from '../config/apply.js';
import { unlessStopping } from '../core/children.js';
import { UsageError } from '../core/errors.js';
// Each command's module is loaded only when that command runs: `--help` and `--version` stay instant, and a run
// never loads the Pact native core it does not use.
import { TOOL_VERSION } from '../core/version.js';
import type { CredentialFlags, GatewayCard } from '../gateways/model.js';

// Exit codes (as schemathesis): 0 certified, 1 not certified, 2 could not run. Never a stack trace.

function int(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min)
      throw new UsageError(`${name} must be a whole number >= ${min}, got ${value}`);
    return n;
  };
}

function num(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new UsageError(`${name} must be a number >= 0, got ${value}`);
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

/** The gateways as help texts name them (their cards: src/gateways/cards.ts), with their credential variables. */
export type Cards = readonly GatewayCard[];

/** The gateways as the config file needs them: names, and each credential flag's variables. */
function configGateways(cards: Cards): ConfigGateways {
  const flagVars: Record<string, string[]> = {};
  for (const g of cards)
    for (const [flag, name] of Object.entries(g.flagVars)) flagVars[flag] = [...(flagVars[flag] ?? []), name];
  return { names: cards.map((g) => g.name), flagVars };
}

/** A credential flag's help, from the gateway that reads it: what it holds, and the variable standing for it. */
function credentialHelp(cards: Cards, flag: keyof CredentialFlags): string {
  const card = cards.find((g) => g.flagVars[flag]);
  if (!card) return '';
  return `${card.flagHelp?.[flag] ?? flag} (else ${card.flagVars[flag]})`;
}

/** "lesspay | payloco": the gateway argument as help texts show it, with `also` (e.g. "all") last. */
function gatewayChoices(cards: Cards, also?: string): string {
  return [...cards.map((g) => g.name), ...(also ? [also] : [])].join(' | ');
}

/** The credential flags of every command that talks to a gateway; secrets are only ever read from files. */
function withCredentials(cmd: Command, cards: Cards): Command {
  return cmd
    .option('--app-id <id>', credentialHelp(cards, 'appId'))
    .option('--app-secret-file <file>', credentialHelp(cards, 'appSecretFile'))
    .option('--merchant-id <id>', credentialHelp(cards, 'merchantId'))
    .option('--private-key <file>', credentialHelp(cards, 'privateKey'));
}

/** The settings file of the commands it configures (run, audit, webhook-test). */
function withConfig(cmd: Command): Command {
  return cmd.option(
    '--config <file>',
    'settings file (default: paycert.config.json here, if present); flags and the environment override it',
  );
}

/** The output flags shared by the commands that write a report. */
function withReport(cmd: Command): Command {
  return cmd
    .option('--report-dir <dir>', 'where results.json, junit.xml and index.html go', 'reports')
    .addOption(
      new Option(
        '--evidence <which>',
        'exchanges results.json keeps in full: failures (failed and errored checks; the others a summary) or full',
      )
        .choices(['failures', 'full'])
        .default('failures'),
    )
    .option(
      '--quiet',
      'print only the summary: the verdicts, the failing check IDs, what was not judged',
      false,
    )
    .option('--verbose', 'print every check as it ends, not only the failures', false);
}

/** "A, B and C": the gateways as people write them. */
function displayNames(cards: Cards): string {
  const names = cards.map((g) => g.displayName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}

/** The CLI; its help texts name the gateways and credential variables of `cards`. */
export function buildProgram(cards: Cards): Command {
  const gatewayArg = gatewayChoices(cards);
  const program = new Command('paycert')
    .description(`Conformance certification for the ${displayNames(cards)} payment-gateway APIs`)
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  withConfig(withCredentials(withReport(program.command('run')), cards))
    .description('certify a gateway implementation (the bundled reference mock unless --base-url is given)')
    .argument('[gateway]', gatewayChoices(cards, 'all'), 'all')
    .option(
      '--base-url <url>',
      'base URL of the target (one gateway only); credentials come from the environment',
    )
    .option(
      '--only <globs>',
      'check-ID globs to run, comma-separated (e.g. LP-QO-*); a narrower run is passed-partial, never certified',
      collect,
    )
    .option('--skip <globs>', 'check-ID globs not to run, comma-separated (e.g. LP-WH-*)', collect)
    .option(
      '--run-id <id>',
      'identity shared by the shards of one run (default: the CI pipeline id, else generated)',
    )
    .option('--strict', 'a failed SHOULD check fails the certification too', false)
    .option(
      '--allow-incomplete',
      'exit 0 when MUST checks could not be judged (the verdict stays incomplete)',
    )
    .option('--timeout <ms>', 'timeout of each request in ms', int('--timeout', 1), 5000)
    .option(
      '--concurrency <n>',
      'probe files run in parallel, and requests in flight at most',
      int('--concurrency', 1),
      4,
    )
    .option('--rate <r>', 'requests per second at most (0: no limit)', num('--rate'), 0)
    .option('--max-requests <n>', 'hard cap on requests in one run', int('--max-requests', 1), 20000)
    .option(
      '--max-body <bytes>',
      'response bodies larger than this are an error',
      int('--max-body', 1024),
      1_048_576,
    )
    .option(
      '--retry-after-cap <ms>',
      'longest Retry-After honoured on 429/503',
      int('--retry-after-cap', 0),
      10_000,
    )
    .option(
      '--max-wait <ms>',
      'total time the run waits on 429/503 Retry-After; past it the run stops as a setup error (exit 2)',
      int('--max-wait', 0),
      30_000,
    )
    .option('--deviations <file>', 'known deviations (JSON, schemas/paycert/deviations.schema.json)')
    .option(
      '--capabilities <file>',
      'capabilities the target declares (JSON, schemas/paycert/capabilities.schema.json)',
    )
    .option('--shard <i/n>', 'run shard i of n (CI matrices); merge the results with `paycert report`')
    .option(
      '--baseline <file>',
      'results.json of an earlier run: console, JUnit, summary and report show new failures, fixes and still-failing checks',
    )
    .addOption(
      new Option('--fail-on <what>', 'with --baseline: any failure fails the run, or only a new one')
        .choices(['any', 'new'])
        .default('any'),
    )
    .addOption(
      new Option(
        '--format <format>',
        'stdout carries json (a compact summary) or json-full (results.json); the lines for people go to stderr',
      )
        .choices(['text', 'json', 'json-full'])
        .default('text'),
    )
    .option(
      '--bundle',
      'also write an evidence bundle (tar.gz, manifest signed with PAYCERT_BUNDLE_KEY); --bundle=FILE names it',
    )
    .option('--bundle-file <file>', 'write the evidence bundle to this file (implies --bundle)')
    .option('--allow-production', 'allow a target on a production host of the gateway', false)
    .option(
      '--seed <n>',
      'seed of the checks generated from the schemas (default: random, printed)',
      int('--seed', 0),
    )
    .option('--budget <n>', 'generated inputs tried per generated check', int('--budget', 1), 1)
    .option('--platform-public-key <file>', credentialHelp(cards, 'platformPublicKey'))
    .option('--webhook-secret-file <file>', credentialHelp(cards, 'webhookSecretFile'))
    .addOption(
      new Option('--mock-variant <v>', 'variant of the bundled mock to certify')
        .choices(['a', 'b', 'c', 'd', 'e'])
        .default('a'),
    )
    .option(
      '--mock-fault <name>',
      'certify a fault variant of the bundled mock (shows what a failure looks like)',
    )
    .option(
      '--webhook-listen <host:port>',
      'where the webhook receiver listens (default 127.0.0.1, any free port)',
    )
    .option(
      '--webhook-public-url <url>',
      'URL a remote target calls to reach the webhook receiver (e.g. a tunnel)',
    )
    .option(
      '--webhook-wait <ms>',
      'wait for a callback or a retry (default 10000 for a bundled mock, else 20000)',
      int('--webhook-wait', 1),
    )
    .option(
      '--driver <spec>',
      'how lifecycle checks finish payments: auto, form:FILE, browser:FILE, command:CMD or manual',
      'auto',
    )
    .option(
      '--payout-driver <spec>',
      "how a payout that waits for a person's review is approved: manual (you approve it in the dashboard and press Enter) or command:CMD (a script calls the sandbox's admin API)",
    )
    .action(async (gateway, _opts, cmd: Command) => {
      const { applyConfig, baseUrlsFromConfig } = await import('../config/apply.js');
      await applyConfig(cmd, 'run', gateway, configGateways(cards));
      const opts = cmd.opts();
      // A run of every gateway takes each one's base URL from its own section of the config file.
      if (gateway === 'all' && !opts.baseUrl)
        opts.baseUrls = await baseUrlsFromConfig(cmd, configGateways(cards));
      process.exitCode = await (await import('../commands/run.js')).runCommand(gateway, opts as never);
    });

  program
    .command('serve')
    .description('start a bundled reference mock and print its URL and test credentials')
    .argument('<gateway>', gatewayArg)
    .option('--port <n>', 'port (0: any free port)', int('--port', 0), 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(
      new Option('--variant <v>', 'conformant variant').choices(['a', 'b', 'c', 'd', 'e']).default('a'),
    )
    .option('--fault <name>', 'serve a fault variant that breaks one reading (see --list-faults)')
    .option('--list-faults', 'list the fault variants and exit', false)
    .action(async (gateway, opts) => {
      process.exitCode = await (await import('../commands/serve.js')).serveCommand(gateway, opts);
    });

  withCredentials(withReport(program.command('verify')), cards)
    .description(
      'replay the Pact contracts against a gateway (the bundled reference mock unless --base-url is given)',
    )
    .argument('<gateway>', gatewayArg)
    .option('--base-url <url>', 'base URL of the provider to verify; credentials come from the environment')
    .option('--pact <files...>', 'pact files to replay (default: the committed contract in contracts/)')
    .option('--broker-url <url>', 'fetch the pacts from a Pact Broker (token: PACT_BROKER_TOKEN)')
    .option(
      '--consumer-version-selector <json>',
      'consumer version selector as JSON, e.g. \'{"mainBranch":true}\' (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--publish-results',
      'publish the verification results to the broker (needs --provider-version)',
      false,
    )
    .option('--provider-version <v>', 'provider version the results are published for (e.g. the git commit)')
    .option('--provider-branch <b>', 'provider branch of that version')
    .option(
      '--timeout <ms>',
      'timeout of each replayed request and state setup in ms',
      int('--timeout', 1),
      10000,
    )
    .option('--allow-production', 'allow a target on a production host of the gateway', false)
    .addOption(
      new Option('--mock-variant <v>', 'variant of the bundled mock to verify')
        .choices(['a', 'b', 'c', 'd', 'e'])
        .default('a'),
    )
    .option('--mock-fault <name>', 'verify a fault variant of the bundled mock')
    .option(
      '--allow-incomplete',
      'exit 0 when MUST checks could not be judged (the verdict stays incomplete)',
    )
    .action(async (gateway, opts) => {
      process.exitCode = await (await import('../commands/verify.js')).verifyCommand(gateway, opts);
    });

  program
    .command('publish')
    .description('publish the contracts (contracts/*.json) to a Pact Broker (token: PACT_BROKER_TOKEN)')
    .requiredOption('--broker-url <url>', 'Pact Broker base URL')
    .requiredOption(
      '--consumer-version <v>',
      'consumer version to publish the pacts as (e.g. the git commit)',
    )
    .option('--branch <b>', 'consumer branch of that version')
    .option('--pact <files...>', 'pact files to publish instead of contracts/*.json')
    .action(async (opts) => {
      process.exitCode = await (await import('../commands/publish.js')).publishCommand(opts);
    });

  program
    .command('report')
    .description('render results.json files (several: shards, merged into one verdict) to HTML and JUnit')
    .argument('<results...>', 'results.json files')
    .option('-o, --output <file>', 'HTML file to write', 'reports/index.html')
    .option('--baseline <file>', 'results.json of an earlier run: mark new failures and fixes')
    .addOption(
      new Option('--fail-on <what>', 'with --baseline: any failure fails the run, or only a new one')
        .choices(['any', 'new'])
        .default('any'),
    )
    .action(async (files, opts) => {
      process.exitCode = await (await import('../commands/report.js')).reportCommand(files, opts);
    });

  withConfig(withReport(program.command('webhook-test')))
    .description(
      'play a gateway against your webhook handler: signatures, acknowledgement, duplicates, ordering',
    )
    .argument('<gateway>', gatewayArg)
    .option(
      '--handler-url <url>',
      `URL of your webhook handler (secret: ${cards
        .filter((g) => g.handlerChecks)
        .map((g) => g.webhookSecret)
        .join(' or ')})`,
    )
    .option(
      '--order-status-url <template>',
      'GET URL answering {"status","processed"} for an order, e.g. http://127.0.0.1:3000/orders/{request_id}',
    )
    .option(
      '--order-setup-url <url>',
      'POST URL that creates an order {"gateway","id","amount","currency"} before its first callback (for handlers that refuse unknown orders)',
    )
    .option(
      '--webhook-signed <form>',
      'payloco: what x-signature covers, as your handler verifies it: body (default), timestamp.body or timestamp+body',
    )
    .option('--only <globs>', 'check-ID globs to run, comma-separated (e.g. LPH-SIG-*)', collect)
    .option('--strict', 'a failed SHOULD check fails the verdict too', false)
    .option(
      '--allow-incomplete',
      'exit 0 when MUST checks could not be judged (the verdict stays incomplete)',
    )
    .option('--timeout <ms>', 'timeout of each request in ms', int('--timeout', 1), 5000)
    .action(async (gateway, _opts, cmd: Command) => {
      await (await import('../config/apply.js')).applyConfig(
        cmd,
        'webhook-test',
        gateway,
        configGateways(cards),
      );
      const opts = cmd.opts();
      // Required, from the command line or the config file.
      if (!opts.handlerUrl) throw new UsageError("required option '--handler-url <url>' not specified");
      process.exitCode = await (await import('../commands/webhook-test.js')).webhookTestCommand(
        gateway,
        opts as never,
      );
    });

  withConfig(withReport(program.command('audit')))
    .description(
      'run your client against the bundled mock (or --target) and judge every request it made: signatures, schemas, ids',
    )
    .argument('<gateway>', gatewayArg)
    .argument('[command...]', 'your client command, after --')
    .option('--target <url>', 'judge the traffic to this sandbox instead of the bundled mock')
    .option('--strict', 'a failed SHOULD check fails the verdict too', false)
    .option('--max-time <s>', 'stop the command after this many seconds', int('--max-time', 1), 600)
    .option('--timeout <ms>', 'timeout of each forwarded exchange in ms', int('--timeout', 1), 30000)
    .option(
      '--scenario <name>',
      'meet a documented failure and judge what the client does next (names: paycert audit <gateway> --scenario list)',
    )
    .option(
      '--scenario-hold <ms>',
      'how long a *-timeout scenario withholds the answer before a 504',
      int('--scenario-hold', 1),
      30000,
    )
    .addOption(new Option('--mock-variant <v>', 'conformant variant of the bundled mock').choices(['a', 'b']))
    .option(
      '--allow-incomplete',
      'exit 0 when MUST checks could not be judged (the verdict stays incomplete)',
    )
    .action(async (gateway, command: string[], _opts, cmd: Command) => {
      const extras = await (await import('../config/apply.js')).applyConfig(
        cmd,
        'audit',
        gateway,
        configGateways(cards),
      );
      const run = command.length ? command : (extras.command ?? []);
      process.exitCode = await (await import('../commands/audit.js')).auditCommand(
        gateway,
        run,
        cmd.opts() as never,
      );
    });

  program
    .command('proxy')
    .description(
      "forward your app's traffic to a sandbox and judge every request; report and verdict on Ctrl-C",
    )
    .argument('<gateway>', gatewayArg)
    .requiredOption('--target <url>', 'base URL of the sandbox')
    .option('--listen <host:port>', 'where the proxy listens (default 127.0.0.1, any free port)')
    .option('--report-dir <dir>', 'where results.json, junit.xml and index.html go', 'reports')
    .option('--strict', 'a failed SHOULD check fails the verdict too', false)
    .option(
      '--allow-incomplete',
      'exit 0 when MUST checks could not be judged (the verdict stays incomplete)',
    )
    .option('--timeout <ms>', 'timeout of each forwarded exchange in ms', int('--timeout', 1), 30000)
    .action(async (gateway, opts) => {
      process.exitCode = await (await import('../commands/proxy.js')).proxyCommand(gateway, opts);
    });

  program
    .command('deviations')
    .description('known deviations of a target (--deviations FILE)')
    .command('init')
    .description("write a deviations file from a run's failures, each with its reason and an expiry date")
    .requiredOption('--from <results>', 'results.json of the run whose failures become known deviations')
    .option('--expires <when>', 'when they stop excusing their checks: a duration (30d, 8w) or a date', '30d')
    .option('-o, --output <file>', 'file to write (default: stdout)')
    .action(async (opts) => {
      process.exitCode = (await import('../commands/deviations.js')).deviationsInitCommand(opts);
    });

  program
    .command('verify-bundle')
    .description(
      'check an evidence bundle: every file matching its SHA-256 in the manifest, signed by a pinned key (exit 1 otherwise)',
    )
    .argument('<file>', 'bundle .tar.gz')
    .option(
      '--public-key <pem>',
      'Ed25519 public key the manifest must be signed with: PEM or a path (else PAYCERT_BUNDLE_PUBLIC_KEY)',
    )
    .option(
      '--trusted-keys <file>',
      'accepted signers, one per line: "<name> <base64 DER public key or SHA256:fingerprint>"',
    )
    .option('--allow-unsigned', 'accept a bundle whose manifest is not signed', false)
    .action(async (file, opts) => {
      process.exitCode = await (await import('../commands/report.js')).verifyBundleCommand(file, opts);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const code = await command(argv);
  // A signal is being handled: its session writes the interrupted report and exits; nothing here may end it first.
  await unlessStopping();
  return code;
}

async function command(argv: string[]): Promise<number> {
  try {
    // `--bundle out.tgz`: --bundle takes no value, so the file name would be read as the gateway or an extra argument.
    const bundleAt = argv.indexOf('--bundle');
    const after = bundleAt >= 0 ? argv[bundleAt + 1] : undefined;
    if (
      argv[0] === 'run' &&
      after &&
      !after.startsWith('-') &&
      !(after === 'all' || (await import('../gateways/index.js')).isGateway(after))
    )
      throw new UsageError(
        `--bundle takes no value: write --bundle=${after} (or --bundle-file ${after}) to name the bundle file`,
      );
    // `--bundle` takes no value (so `run --bundle lesspay` still names the gateway); `--bundle=FILE` names the file.
    const args = argv.flatMap((a) => (a.startsWith('--bundle=') ? ['--bundle-file', a.slice(9)] : [a]));
    // `--version` alone stays instant: it needs no help text, so it loads no gateway. Help texts read the gateways'
    // cards only: a command loads the gateway registry (every gateway's modules) when it runs.
    const cards: Cards =
      args.length === 1 && (args[0] === '--version' || args[0] === '-V')
        ? []
        : (await import('../gateways/cards.js')).SHIPPED_CARDS;
    await buildProgram(cards).parseAsync(args, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return 0;
      }
      // Commander may add a second line ("Did you mean …?"): fold it into the one line.
      const message = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      process.stderr.write(`paycert: ${message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`paycert: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    process.stderr.write(
      `paycert: internal error: ${e?.message ?? String(err)} (PAYCERT_DEBUG=1 shows the stack)\n`,
    );
    if (process.env.PAYCERT_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return 2;
  }
}
