/** Many concurrent retries of one order with one Idempotency-Key: one row must be stored and every answer name it. */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storedOrders } from './load-runs';
import { orderBody } from './loadgen';
import { BENCH_TABLE, log, postOrder } from './support';

export interface StormResult { concurrent: number; statuses: Record<string, number>; distinctOrderIds: number; rowsStored: number; pass: boolean }

export async function idempotencyStorm(url: string, doc: DynamoDBDocumentClient, concurrent = 250): Promise<StormResult> {
  const customerId = `storm-${Date.now()}`;
  const body = orderBody(customerId);
  log(`idempotency storm: ${concurrent} concurrent requests, one Idempotency-Key, same body`);
  // fetch's default pool has no per-origin connection limit, so all of them are in flight at once.
  const replies = await Promise.all(Array.from({ length: concurrent },
    () => postOrder(url, body, { 'idempotency-key': 'storm-key-1' }).catch(() => ({ status: 0, body: '' }))));
  const statuses: Record<string, number> = {};
  const ids = new Set<string>();
  for (const r of replies) {
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status >= 200 && r.status < 300) ids.add(JSON.parse(r.body).orderId);
  }
  const stored = await storedOrders(doc, BENCH_TABLE, customerId);
  const rowsStored = [...stored.values()].flat().length;
  const pass = rowsStored === 1 && ids.size === 1 && (statuses['200'] ?? 0) === concurrent;
  log(`  -> statuses ${JSON.stringify(statuses)}, distinct order ids ${ids.size}, rows ${rowsStored}`);
  return { concurrent, statuses, distinctOrderIds: ids.size, rowsStored, pass };
}
