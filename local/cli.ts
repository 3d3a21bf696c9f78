/**
 * `local/cli.ts serve`  - run the local order API (POST /orders) with an embedded DynamoDB Local.
 * `local/cli.ts list`   - show the orders a running local API stored (LOCAL ONLY read endpoint).
 * `local/cli.ts get ID` - show one stored order.
 *
 * Run with: npx ts-node --transpile-only --project tsconfig.dev.json local/cli.ts serve [options]
 */
import * as http from 'node:http';
import { SEED_EXAMPLE_ORDER } from './seed-example';
import { MetricsMode, startLocalOrderApi } from './server';

const USAGE = `Usage:
  local/cli.ts serve [--port 3000] [--data-dir DIR] [--metrics emf|put-metric-data] [--table NAME]
                     [--dynamodb-endpoint URL] [--log-level DEBUG|INFO|WARN|ERROR] [--bundle FILE] [--quiet]
  local/cli.ts list  [--url http://127.0.0.1:3000] [--limit 20]
  local/cli.ts get ORDER_ID [--url http://127.0.0.1:3000]

serve   Starts DynamoDB Local (in memory unless --data-dir), creates the orders table with the construct's schema,
        and serves POST /orders on http://127.0.0.1:<port> through the handler bundle the construct deploys.
        --dynamodb-endpoint uses an engine that is already running instead of starting one.
        --bundle serves another handler bundle (an .mjs exporting handler) instead of the built one.
        --quiet drops the per-request access log (the handler's own logs still go to stdout).
list    Lists stored orders through the running API's LOCAL-ONLY GET /orders (reads DynamoDB directly).
get     Shows one stored order through the LOCAL-ONLY GET /orders/{orderId}.`;

export { SEED_EXAMPLE_ORDER };

export interface ParsedArgs {
  readonly command: string;
  readonly positional: string[];
  readonly flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = 'help', ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    if (eq > 0) { flags[a.slice(2, eq)] = a.slice(eq + 1); continue; }
    const next = rest[i + 1];
    if (next !== undefined && !next.startsWith('--')) { flags[a.slice(2)] = next; i++; } else { flags[a.slice(2)] = true; }
  }
  return { command, positional, flags };
}

function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

class UsageError extends Error {}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0-65535, got "${value}"`);
  return port;
}

/** The curl command for the seed's example against `url`. */
export function curlExample(url: string): string {
  return `curl -sS -X POST ${url}/orders \\\n  -H 'Content-Type: application/json' \\\n  -d '${JSON.stringify(SEED_EXAMPLE_ORDER)}'`;
}

async function serve(args: ParsedArgs): Promise<void> {
  const allowed = new Set(['port', 'data-dir', 'metrics', 'bundle', 'table', 'dynamodb-endpoint', 'log-level', 'quiet']);
  for (const name of Object.keys(args.flags)) if (!allowed.has(name)) throw new UsageError(`Unknown option --${name}`);
  const metrics = (flag(args, 'metrics') ?? 'emf') as MetricsMode;
  if (metrics !== 'emf' && metrics !== 'put-metric-data') throw new UsageError('--metrics must be emf or put-metric-data');
  const quiet = args.flags.quiet === true;
  const dataDir = flag(args, 'data-dir');

  const api = await startLocalOrderApi({
    port: parsePort(flag(args, 'port'), 3000),
    dataDir,
    metrics,
    bundlePath: flag(args, 'bundle'),
    tableName: flag(args, 'table'),
    dynamoDbEndpoint: flag(args, 'dynamodb-endpoint'),
    logLevel: flag(args, 'log-level'),
    accessLog: quiet ? undefined : (line) => process.stderr.write(`[access] ${line}\n`),
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

  const storage = args.flags['dynamodb-endpoint'] ? `external engine ${api.dynamoDbEndpoint}`
    : dataDir ? `DynamoDB Local, file-backed in ${dataDir}` : 'DynamoDB Local, in memory (lost on exit; --data-dir keeps it)';
  process.stderr.write([
    '',
    `Local order API listening on ${api.url}  (POST /orders, payload 2.0, ${metrics} bundle)`,
    `Orders table "${api.tableName}" on ${storage}${api.engine ? ` (pid ${api.engine.process.pid})` : ''}`,
    '',
    'Try the seed example:',
    curlExample(api.url),
    '',
    `LOCAL ONLY (not part of the deployed API): GET ${api.url}/orders/{orderId}, GET ${api.url}/orders?limit=20`,
    'Ctrl-C stops the server and DynamoDB Local.',
    '',
    // The ready line is what scripts (tests, the benchmark) wait for.
    `READY ${api.url}`,
    '',
  ].join('\n'));
}

function getJson(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', (err) => reject(new Error(`Cannot reach the local API at ${url} (is "local/cli.ts serve" running?): ${err.message}`)));
  });
}

async function read(args: ParsedArgs, path: string): Promise<number> {
  const base = (flag(args, 'url') ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const { status, body } = await getJson(`${base}${path}`);
  process.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
  return status === 200 ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'serve':
      await serve(args);
      return -1; // keeps running until a signal
    case 'list': {
      const limit = flag(args, 'limit') ?? '20';
      return read(args, `/orders?limit=${encodeURIComponent(limit)}`);
    }
    case 'get':
      if (args.positional.length !== 1) throw new UsageError('get needs exactly one ORDER_ID');
      return read(args, `/orders/${encodeURIComponent(args.positional[0])}`);
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(`Unknown command "${args.command}"`);
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
