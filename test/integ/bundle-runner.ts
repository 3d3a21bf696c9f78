/**
 * Starts a handler bundle in its own Node.js process (see bundle-harness.mjs) and invokes it. A child process keeps
 * the real ESM bundle out of jest's CommonJS module system: no jest flags, no transpiling, the exact asset Lambda
 * would load, and a fresh cold start per runner.
 *
 * The Node.js binary is the one running jest unless BUNDLE_NODE names another (.ci/run sets it to the Node 24 it
 * installs, the runtime the construct deploys); with BUNDLE_NODE_MAJOR set too, a bundle started on any other major
 * version fails its test, so a misconfigured run cannot silently fall back to the machine's Node.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local';
import {
  FUNCTION_DEFAULTS, HANDLER_BUNDLES, HANDLER_ENV, ORDER_EVENTS_BUNDLES, ORDER_LIFECYCLE_BUNDLE, READ_API_BUNDLE,
} from '../../src/contract/platform';
import { assertConformsToOpenApi } from '../support/openapi-conformance';

const HARNESS = path.join(__dirname, 'bundle-harness.mjs');
const PACKAGE_ROOT = path.join(__dirname, '..', '..');
export const EMF_BUNDLE = path.join(PACKAGE_ROOT, HANDLER_BUNDLES.embeddedMetricFormat, 'index.mjs');
export const PMD_BUNDLE = path.join(PACKAGE_ROOT, HANDLER_BUNDLES.putMetricData, 'index.mjs');
export const READ_BUNDLE = path.join(PACKAGE_ROOT, READ_API_BUNDLE, 'index.mjs');
export const EVENTS_BUNDLE = path.join(PACKAGE_ROOT, ORDER_EVENTS_BUNDLES.embeddedMetricFormat, 'index.mjs');
export const EVENTS_PMD_BUNDLE = path.join(PACKAGE_ROOT, ORDER_EVENTS_BUNDLES.putMetricData, 'index.mjs');
export const LIFECYCLE_BUNDLE = path.join(PACKAGE_ROOT, ORDER_LIFECYCLE_BUNDLE, 'index.mjs');

/** The Node.js binary that runs the bundles. */
export const BUNDLE_NODE = process.env.BUNDLE_NODE || process.execPath;
/** The major version the bundles must report, when the run pins one. */
export const BUNDLE_NODE_MAJOR = process.env.BUNDLE_NODE_MAJOR;

/**
 * The environment a bundle gets in these tests: what the construct sets (table name, metrics dimension, log level)
 * plus local credentials and Region, and nothing from the developer's ~/.aws. Endpoints are the SDK's own
 * service-specific settings (`AWS_ENDPOINT_URL_DYNAMODB`, ...), passed in `extra`: the bundles have no test hook.
 */
export function bundleEnv(tableName: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    [HANDLER_ENV.tableName]: tableName,
    [HANDLER_ENV.environment]: 'integ',
    [HANDLER_ENV.logLevel]: FUNCTION_DEFAULTS.logLevel,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    ...extra,
  };
}

export interface InvokeResult {
  readonly result?: APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };
  readonly error?: { name: string; message: string };
}

export class BundleRunner {
  /** Starts the bundle; resolves once its module has loaded (clients constructed). */
  static async start(bundle: string, env: Record<string, string>): Promise<BundleRunner> {
    if (!fs.existsSync(bundle)) {
      throw new Error(`Handler bundle ${bundle} is missing: run \`npx projen bundle\` (\`npx projen test\` does it first).`);
    }
    const child = spawn(BUNDLE_NODE, [HARNESS, bundle], {
      env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    });
    const runner = new BundleRunner(child);
    await runner.ready;
    const major = runner.nodeVersion.replace(/^v/, '').split('.')[0];
    if (BUNDLE_NODE_MAJOR && major !== BUNDLE_NODE_MAJOR) {
      await runner.close();
      throw new Error(`the bundle ran on Node ${runner.nodeVersion} (${BUNDLE_NODE}), not on Node ${BUNDLE_NODE_MAJOR} as BUNDLE_NODE_MAJOR requires`);
    }
    return runner;
  }

  /** Every line the handler wrote to stdout (logs and EMF), parsed. */
  public readonly stdout: Record<string, unknown>[] = [];
  public stderr = '';
  /** process.version of the process that loaded the bundle. */
  public nodeVersion = '';
  private readonly waiting = new Map<number, (r: InvokeResult) => void>();
  private nextId = 0;
  private readonly ready: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    child.stderr!.on('data', (d) => { this.stderr += d; });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try { this.stdout.push(JSON.parse(line)); } catch { this.stdout.push({ unparsed: line }); }
    });
    this.ready = new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`handler process exited (${code}): ${this.stderr}`)));
      createInterface({ input: child.stdio[3] as Readable }).on('line', (line) => {
        const msg = JSON.parse(line);
        if (msg.ready) this.nodeVersion = msg.node;
        if (msg.ready) resolve();
        else if (msg.fatal) reject(new Error(`handler bundle failed to load: ${msg.fatal}`));
        else this.waiting.get(msg.id)?.(msg);
      });
    });
    this.ready.catch(() => undefined);
  }

  /** Invokes the bundle; every result is checked against openapi.json for the event's route. */
  async invoke(event: APIGatewayProxyEventV2, opts: { requestId?: string; remainingMs?: number } = {}): Promise<InvokeResult> {
    const answer = await this.invokeWith(event, opts);
    if (answer.result) assertConformsToOpenApi(event.routeKey, answer.result);
    return answer;
  }

  /** Invokes the bundle with an event that is not an HTTP request (a stream batch): no route, so no OpenAPI check. */
  async invokeWith(event: unknown, opts: { requestId?: string; remainingMs?: number } = {}): Promise<InvokeResult> {
    const id = this.nextId++;
    const done = new Promise<InvokeResult>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin!.write(JSON.stringify({
      id, event, requestId: opts.requestId ?? `req-${id}`, remainingMs: opts.remainingMs ?? 29_000,
    }) + '\n');
    return done;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
