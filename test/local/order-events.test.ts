/**
 * Order events in the local API as a user runs it (the CLI in its own process): the seed curl produces one visible
 * OrderCreated event, detail exactly as the consumer bundle sent it; plus the EventBridge stand-in on its own.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SEED_EXAMPLE_ORDER } from '../../local/cli';
import { freePort } from '../../local/dynamodb-local';
import { recordedEventsJson, startEventBridgeStub } from '../../local/eventbridge-stub';

const ROOT = path.resolve(__dirname, '..', '..');

describe('local API with order events (real server, DynamoDB Local stream, both built bundles)', () => {
  let child: ChildProcess;
  let url: string;
  let stderr = '';

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port), '--quiet'], {
      cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local API did not start in 90 s:\n${stderr}`)), 90_000);
      child.stderr!.on('data', (chunk) => { stderr += chunk; });
      let stdout = '';
      // READY is on stdout; the rest of stdout (the functions' logs) is read and dropped.
      child.stdout!.on('data', (chunk) => {
        if (url) return;
        stdout += chunk;
        const ready = /READY (http:\/\/\S+)/.exec(stdout);
        if (ready) { clearTimeout(timer); url = ready[1]; resolve(); }
      });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`local API exited with ${code}:\n${stderr}`)); });
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('the seed curl produces one visible OrderCreated event with "totalAmount":109.97, and a log line', async () => {
    const reply = await fetch(`${url}/orders`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SEED_EXAMPLE_ORDER),
    });
    expect(reply.status).toBe(200);
    const { orderId } = await reply.json() as { orderId: string };
    let listed = '';
    for (let i = 0; i < 50 && !listed.includes(orderId); i++) {
      await new Promise((r) => setTimeout(r, 200));
      listed = await (await fetch(`${url}/_local/events`)).text();
    }
    const doc = JSON.parse(listed);
    expect(doc.count).toBe(1);
    expect(doc.events[0]).toMatchObject({ source: 'ecommerce-orders.orders', detailType: 'OrderCreated', detail: { orderId, totalAmount: 109.97, totalAmountCents: 10997 } });
    expect(listed).toContain('"totalAmount":109.97,');
    expect(stderr).toMatch(new RegExp(`\\[event\\] OrderCreated ${orderId} .*"totalAmount":109\\.97,`));
  });
});

describe('the EventBridge stand-in', () => {
  test('speaks PutEvents to the real SDK client: records entries, fails the chosen ones per entry', async () => {
    const stub = await startEventBridgeStub();
    const client = new EventBridgeClient({ endpoint: stub.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      stub.failEntries((e) => (e.Detail === '{"n":2}' ? 'ThrottlingException' : undefined));
      const out = await client.send(new PutEventsCommand({ Entries: [1, 2, 3].map((n) => ({ Source: 's', DetailType: 'T', Detail: `{"n":${n}}`, EventBusName: 'b' })) }));
      expect(out.FailedEntryCount).toBe(1);
      expect(out.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'ThrottlingException', 'ok']);
      expect(stub.events.map((e) => e.detail)).toEqual(['{"n":1}', '{"n":3}']);
      expect(recordedEventsJson([{ ...stub.events[0], detail: '{"a":109.970}' }])).toContain('"detail":{"a":109.970}');
    } finally {
      client.destroy();
      await stub.stop();
    }
  });
});
