/**
 * The local CLI's command line: each command takes only its own options (node:util parseArgs, strict), and a
 * misspelt option, a missing value or a stray argument is an error that names it, with the usage and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { UsageError, parseCommandLine } from '../../local/cli';

const ROOT = path.join(__dirname, '..', '..');

describe('accepted command lines', () => {
  test('serve with every option', () => {
    expect(parseCommandLine([
      'serve', '--port', '3001', '--data-dir', '.tmp/db', '--metrics', 'put-metric-data', '--bundle', 'x.mjs',
      '--table', 'orders', '--dynamodb-endpoint', 'http://127.0.0.1:8000', '--log-level', 'DEBUG', '--quiet',
      '--no-events', '--authorizer', 'jwt',
    ])).toEqual({
      command: 'serve',
      options: {
        port: 3001,
        dataDir: '.tmp/db',
        metrics: 'put-metric-data',
        bundle: 'x.mjs',
        table: 'orders',
        dynamodbEndpoint: 'http://127.0.0.1:8000',
        logLevel: 'DEBUG',
        quiet: true,
        events: false,
        authorizer: 'jwt',
      },
    });
  });

  test('serve defaults: port 3000, EMF metrics, access log on, order events on; --name=value works like --name value', () => {
    expect(parseCommandLine(['serve'])).toEqual({
      command: 'serve',
      options: { port: 3000, metrics: 'emf', quiet: false, events: true, authorizer: 'none' },
    });
    expect(() => parseCommandLine(['serve', '--authorizer', 'iam'])).toThrow(/--authorizer must be none or jwt, got "iam"/);
    expect(parseCommandLine(['serve', '--port=0'])).toMatchObject({ options: { port: 0 } });
  });

  test('list and get, with and without --url', () => {
    expect(parseCommandLine(['list'])).toEqual({ command: 'list', url: 'http://127.0.0.1:3000', limit: 20 });
    expect(parseCommandLine(['list', '--limit', '5', '--url', 'http://127.0.0.1:4000']))
      .toEqual({ command: 'list', url: 'http://127.0.0.1:4000', limit: 5 });
    expect(parseCommandLine(['get', 'ord-1'])).toEqual({ command: 'get', url: 'http://127.0.0.1:3000', orderId: 'ord-1' });
    expect(parseCommandLine(['get', '--url', 'http://h:1', 'ord-1'])).toEqual({ command: 'get', url: 'http://h:1', orderId: 'ord-1' });
  });

  test('no command, help and --help show the usage', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h']]) expect(parseCommandLine(argv)).toEqual({ command: 'help' });
  });
});

describe('rejected command lines', () => {
  test.each([
    [['list', '--lmit', '5'], 'Unknown option --lmit for "list"'],
    [['serve', '--prot', '3000'], 'Unknown option --prot for "serve"'],
    [['get', 'ord-1', '--limit', '5'], 'Unknown option --limit for "get"'],
    [['list', '--limit'], "list: Option '--limit <value>' argument missing"],
    [['list', 'extra'], "list: Unexpected argument 'extra'"],
    [['list', '--limit', '0'], '--limit must be an integer 1-1000, got "0"'],
    [['list', '--limit', '5x'], '--limit must be an integer 1-1000, got "5x"'],
    [['serve', '--port', '70000'], '--port must be an integer 0-65535, got "70000"'],
    [['serve', '--metrics', 'statsd'], '--metrics must be emf or put-metric-data, got "statsd"'],
    [['serve', '--no-event'], 'Unknown option --no-event for "serve"'],
    [['serve', '--no-events=false'], "serve: Option '--no-events' does not take an argument"],
    [['get'], 'get needs exactly one ORDER_ID, got 0'],
    [['get', 'a', 'b'], 'get needs exactly one ORDER_ID, got 2'],
    [['help', 'serve'], 'help takes no arguments'],
    [['lst'], 'Unknown command "lst"'],
  ])('%j: %s', (argv, message) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });

  test('the CLI process prints the error and the usage, exits 2, and contacts no server', () => {
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'list', '--lmit', '5'], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Error: Unknown option --lmit for "list"');
    expect(result.stderr).toContain('Usage:');
    expect(result.stdout).toBe('');
  });
});
