/**
 * `local/cli.ts serve`  - run the local order API (POST /orders and the two GET routes) with an embedded DynamoDB Local.
 * `local/cli.ts list`   - show every order a running local API stored (LOCAL ONLY listing).
 * `local/cli.ts get ID` - show one stored order through GET /orders/{orderId}.
 *
 * Run with: npx ts-node --transpile-only --project tsconfig.dev.json local/cli.ts serve [options]
 */
import { ParseArgsConfig, parseArgs } from 'node:util';
import { LOCAL_AUTHORIZERS, LocalAuthorizer, unsignedToken } from './jwt-authorizer';
import { SEED_EXAMPLE_ORDER } from './seed-example';
import { LOCAL_LIST_PATH, MetricsMode, startLocalOrderApi } from './server';

const USAGE = `Usage:
  local/cli.ts serve [--port 3000] [--data-dir DIR] [--metrics emf|put-metric-data] [--table NAME]
                     [--dynamodb-endpoint URL] [--log-level DEBUG|INFO|WARN|ERROR] [--bundle FILE] [--quiet]
                     [--no-events] [--authorizer none|jwt]
  local/cli.ts list  [--url http://127.0.0.1:3000] [--limit 20]
  local/cli.ts get ORDER_ID [--url http://127.0.0.1:3000]

serve   Starts DynamoDB Local (in memory unless --data-dir), creates the orders table with the construct's schema,
        and serves POST /orders, GET /orders/{orderId} and GET /customers/{customerId}/orders on
        http://127.0.0.1:<port> through the bundles the construct deploys (no authorizer runs locally).
        --dynamodb-endpoint uses an engine that is already running instead of starting one.
        --bundle serves another handler bundle (an .mjs exporting handler) instead of the built one.
        --quiet drops the per-request access log (stderr). The functions' own log lines (JSON, as in CloudWatch
        Logs) go to stdout, after the READY line and the URLs.
        --authorizer jwt (LOCAL ONLY) plays the JWT authorizer: an unsigned token's claims
        (Authorization: Bearer <header>.<payload>.) reach the functions unverified; no or an unreadable token is
        401. Without it POST /orders is public and the GET routes run in IAM mode with a fixed local principal.
        The order-events consumer bundle runs on the table's stream and publishes to a local EventBridge
        stand-in: GET /_local/events lists what it published, and each event is logged; --no-events turns it off.
list    Lists every stored order through the running API's LOCAL-ONLY GET /_local/orders (a table scan).
get     Shows one stored order through GET /orders/{orderId} (the read function, as deployed).`;

export { SEED_EXAMPLE_ORDER };

/** A bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Options of `serve`, as given (values are checked by parseCommandLine or by the server). */
export interface ServeOptions {
  readonly port: number;
  readonly dataDir?: string;
  readonly metrics: MetricsMode;
  readonly bundle?: string;
  readonly table?: string;
  readonly dynamodbEndpoint?: string;
  readonly logLevel?: string;
  readonly quiet: boolean;
  /** Whether the order-events consumer runs on the local table's stream (`--no-events` turns it off). */
  readonly events: boolean;
  readonly authorizer: LocalAuthorizer;
}

export type CommandLine =
  | { readonly command: 'serve'; readonly options: ServeOptions }
  | { readonly command: 'list'; readonly url: string; readonly limit: number }
  | { readonly command: 'get'; readonly url: string; readonly orderId: string }
  | { readonly command: 'help' };

const DEFAULT_URL = 'http://127.0.0.1:3000';
const URL_OPTION = { url: { type: 'string', default: DEFAULT_URL } } as const;
/** The options each command accepts; anything else is an error (strict). */
const COMMAND_OPTIONS = {
  serve: {
    'port': { type: 'string', default: '3000' },
    'data-dir': { type: 'string' },
    'metrics': { type: 'string', default: 'emf' },
    'bundle': { type: 'string' },
    'table': { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    'log-level': { type: 'string' },
    'quiet': { type: 'boolean', default: false },
    // Its own boolean rather than parseArgs' allowNegative, which Node 20 does not have.
    'no-events': { type: 'boolean', default: false },
    'authorizer': { type: 'string', default: 'none' },
  },
  list: { ...URL_OPTION, limit: { type: 'string', default: '20' } },
  get: URL_OPTION,
} as const;

/** node:util parseArgs in strict mode, its errors (unknown option, missing value, stray argument) as usage errors. */
function parseStrict<O extends ParseArgsConfig['options']>(command: string, args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!e.code?.startsWith('ERR_PARSE_ARGS_')) throw err;
    const unknown = /^Unknown option '([^']+)'/.exec(e.message);
    throw new UsageError(unknown ? `Unknown option ${unknown[1]} for "${command}"` : `${command}: ${e.message}`);
  }
}

function integerIn(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be an integer ${min}-${max}, got "${value}"`);
  return n;
}

/** Reads the command line (without `node cli.ts`). Throws UsageError naming what is wrong. */
export function parseCommandLine(argv: string[]): CommandLine {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseStrict(command, rest, COMMAND_OPTIONS.serve, false);
      if (values.metrics !== 'emf' && values.metrics !== 'put-metric-data') {
        throw new UsageError(`--metrics must be emf or put-metric-data, got "${values.metrics}"`);
      }
      if (!(LOCAL_AUTHORIZERS as readonly string[]).includes(values.authorizer)) {
        throw new UsageError(`--authorizer must be ${LOCAL_AUTHORIZERS.join(' or ')}, got "${values.authorizer}"`);
      }
      return {
        command,
        options: {
          port: integerIn('port', values.port, 0, 65535),
          dataDir: values['data-dir'],
          metrics: values.metrics,
          bundle: values.bundle,
          table: values.table,
          dynamodbEndpoint: values['dynamodb-endpoint'],
          logLevel: values['log-level'],
          quiet: values.quiet,
          events: !values['no-events'],
          authorizer: values.authorizer as LocalAuthorizer,
        },
      };
    }
    case 'list': {
      const { values } = parseStrict(command, rest, COMMAND_OPTIONS.list, false);
      // The local read endpoint serves 1 to 1000 orders a page.
      return { command, url: values.url, limit: integerIn('limit', values.limit, 1, 1000) };
    }
    case 'get': {
      const { values, positionals } = parseStrict(command, rest, COMMAND_OPTIONS.get, true);
      if (positionals.length !== 1) throw new UsageError(`get needs exactly one ORDER_ID, got ${positionals.length}`);
      return { command, url: values.url, orderId: positionals[0] };
    }
    case 'help':
    case '--help':
    case '-h':
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments`);
      return { command: 'help' };
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

/** The curl command for the original specification's example order against `url`. */
export function curlExample(url: string): string {
  return `curl -sS -X POST ${url}/orders \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(SEED_EXAMPLE_ORDER)}'`;
}

async function serve(options: ServeOptions): Promise<void> {
  const api = await startLocalOrderApi({
    port: options.port,
    dataDir: options.dataDir,
    metrics: options.metrics,
    bundlePath: options.bundle,
    tableName: options.table,
    dynamoDbEndpoint: options.dynamodbEndpoint,
    logLevel: options.logLevel,
    accessLog: options.quiet ? undefined : (line) => process.stderr.write(`[access] ${line}\n`),
    orderEvents: options.events,
    authorizer: options.authorizer,
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return; // a second Ctrl-C while stopping changes nothing; stop() escalates to SIGKILL itself
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local order API and DynamoDB Local...\n`);
    api.stop().then(
      () => { process.stderr.write('Stopped.\n'); process.exit(0); },
      (err) => { process.stderr.write(`Stop failed: ${(err as Error).message}\n`); process.exit(1); },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Last resort if this process dies some other way: never leave a JVM behind.
  process.on('exit', () => { api.engine?.process.kill('SIGKILL'); });

  const storage = options.dynamodbEndpoint ? `external engine ${api.dynamoDbEndpoint}`
    : options.dataDir ? `DynamoDB Local, file-backed in ${options.dataDir}` : 'DynamoDB Local, in memory (lost on exit; --data-dir keeps it)';
  const jwt = options.authorizer === 'jwt';
  const auth = jwt ? ` \\\n  -H 'Authorization: Bearer ${unsignedToken({ sub: SEED_EXAMPLE_ORDER.customerId })}'` : '';
  // Diagnostics to stderr; what a user or script acts on (READY, URLs, examples) to stdout.
  process.stderr.write([
    `Orders table "${api.tableName}" on ${storage}${api.engine ? ` (pid ${api.engine.process.pid})` : ''}`,
    api.orderEvents ? `Order events: the consumer bundle publishes to a local EventBridge stand-in (${api.orderEvents.stub.url})` : 'Order events off (--no-events)',
    jwt ? 'LOCAL ONLY: --authorizer jwt reads unsigned bearer tokens and verifies nothing' : 'No authorizer: POST /orders is public, the GET routes run as IAM routes (fixed local principal)',
    '',
  ].join('\n'));
  process.stdout.write([
    '',
    `Local order API listening on ${api.url}  (POST /orders with the ${options.metrics} bundle; GET /orders/{orderId} and`,
    `  GET /customers/{customerId}/orders with the read bundle; payload 2.0${jwt ? '; JWT authorizer (local, unverified)' : ''})`,
    '',
    'Try the example order from the original specification:',
    curlExample(api.url) + auth,
    '',
    `A customer's orders: curl${auth.replace(/ \\\n {2}/, ' ')} ${api.url}/customers/cust-12345/orders`,
    `The API description: ${api.url}/openapi.json   API reference: ${api.url}/docs`,
    `LOCAL ONLY (not part of the deployed API): GET ${api.url}${LOCAL_LIST_PATH}?limit=20, GET ${api.url}/_local/events`,
    'Ctrl-C stops the server and DynamoDB Local. The functions\' log lines follow on stdout, the access log on stderr.',
    '',
    // The ready line is what scripts (tests, the benchmark) wait for.
    `READY ${api.url}`,
    '',
  ].join('\n'));
}

async function getJson(url: string): Promise<{ status: number; body: string }> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    // fetch reports "fetch failed"; the reason (ECONNREFUSED, ...) is its cause.
    const reason = ((err as Error).cause as Error | undefined)?.message ?? (err as Error).message;
    throw new Error(`Cannot reach the local API at ${url} (is "local/cli.ts serve" running?): ${reason}`);
  }
  return { status: res.status, body: await res.text() };
}

async function read(url: string, path: string): Promise<number> {
  const { status, body } = await getJson(`${url.replace(/\/$/, '')}${path}`);
  process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
  return status === 200 ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  const commandLine = parseCommandLine(argv);
  switch (commandLine.command) {
    case 'serve':
      await serve(commandLine.options);
      return -1; // keeps running until a signal
    case 'list':
      return read(commandLine.url, `${LOCAL_LIST_PATH}?limit=${commandLine.limit}`);
    case 'get':
      return read(commandLine.url, `/orders/${encodeURIComponent(commandLine.orderId)}`);
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { if (code >= 0) process.exit(code); },
    (err) => {
      process.stderr.write(`Error: ${(err as Error).message}\n`);
      if (err instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
