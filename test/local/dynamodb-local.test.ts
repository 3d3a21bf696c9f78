import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createOrdersTable, startDynamoDbLocal } from '../../local/dynamodb-local';

const ROOT = path.join(__dirname, '..', '..');

/** Running (not gone, not a zombie waiting for its new parent to reap it), from /proc. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGKILL is delivered at once, but the JVM takes a moment to go. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

test('starts a real engine and creates the orders table with its index', async () => {
  const db = await startDynamoDbLocal();
  try {
    const client = db.client();
    await createOrdersTable(client, 'orders');
    const table = await client.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['CustomerOrderIndex']);
    client.destroy();
  } finally {
    await db.stop();
  }
  expect(await goneWithin(db.process.pid!, 5_000)).toBe(true);
});

test('an owner process that crashes takes its engine with it', async () => {
  const script = "require('./local/dynamodb-local').startDynamoDbLocal()" +
    ".then((db) => { console.log('PID ' + db.process.pid); throw new Error('crash on purpose'); });";
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' },
  });
  expect(result.stderr).toContain('crash on purpose');
  const pid = Number(/PID (\d+)/.exec(result.stdout)?.[1]);
  expect(pid).toBeGreaterThan(0);
  expect(await goneWithin(pid, 5_000)).toBe(true);
});
