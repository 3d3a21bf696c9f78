/**
 * Fault injection: a load run during which something breaks (and is repaired) on a timer, judged on what a client
 * and the table saw: 5xx (not hangs or lost orders) during the fault, full service after it, acknowledged orders stored.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runLoad, RunSummary, ServerHandle, summarize } from './load-runs';
import { orderBody } from './loadgen';
import { log, postOrder } from './support';

export interface FaultResult {
  name: string;
  description: string;
  run: RunSummary;
  faultWindowS: [number, number];
  afterRecoveryErrors: number;
  serverStillServing: boolean;
  pass: boolean;
  note: string;
}

export interface FaultSpec {
  name: string;
  description: string;
  server: ServerHandle;
  doc: DynamoDBDocumentClient;
  table: string;
  rate: number;
  durationS: number;
  injectAtS: number;
  recoverAtS: number;
  inject: () => Promise<void> | void;
  recover: () => Promise<void> | void;
  /** Whether the fault is one a client should see (5xx); false: every request must still succeed. */
  expectErrors: boolean;
}

export async function faultRun(o: FaultSpec): Promise<FaultResult> {
  log(`fault ${o.name}: ${o.rate} req/s for ${o.durationS} s; fault from ${o.injectAtS} s to ${o.recoverAtS} s`);
  let timers: NodeJS.Timeout[] = [];
  let recovered: Promise<void> = Promise.resolve();
  const t0 = Date.now();
  const result = await runLoad(o.server.url, `fault-${o.name}`, o.rate, 0, o.durationS, () => {
    timers = [
      setTimeout(() => { log(`  inject: ${o.name}`); void o.inject(); }, o.injectAtS * 1000),
      setTimeout(() => { log(`  recover: ${o.name}`); recovered = Promise.resolve(o.recover()); }, o.recoverAtS * 1000),
    ];
  });
  timers.forEach(clearTimeout);
  await recovered;
  const summary = await summarize(result, o.doc, o.table, { server: 0, engine: 0, wallS: (Date.now() - t0) / 1000 });
  // Requests due well after recovery (engine back, backlog drained) must all succeed.
  const settleMs = (o.recoverAtS + 10) * 1000;
  const late = result.records.filter((r) => r[0] >= settleMs);
  const afterRecoveryErrors = late.filter((r) => !(r[2] >= 200 && r[2] < 300)).length;
  const probe = await postOrder(o.server.url, orderBody(`fault-${o.name}-probe`)).catch(() => ({ status: 0, body: '' }));
  const serverStillServing = probe.status === 200;
  const only5xxOrOk = Object.keys(summary.statuses).every((k) => /^(2|5)\d\d$/.test(k));
  // Recovered: the requests due in the run's last 5 s include successes (a backlog left by the fault may still drain).
  const tail = result.records.filter((r) => r[0] >= (o.durationS - 5) * 1000);
  const servedAtEnd = tail.some((r) => r[2] >= 200 && r[2] < 300);
  const pass = summary.ackedNotStored === 0 && summary.duplicates === 0 && serverStillServing && servedAtEnd && only5xxOrOk &&
    (o.expectErrors ? summary.errors > 0 : summary.errors === 0 && summary.ackedEqualsStored);
  const note = summary.storedNotAcked > 0
    ? `${summary.storedNotAcked} stored but answered with an error (written after the handler gave up; a client retry with an Idempotency-Key would get the same order)`
    : '';
  log(`  -> statuses ${JSON.stringify(summary.statuses)}; acked-not-stored ${summary.ackedNotStored}; after recovery errors ${afterRecoveryErrors}; still serving ${serverStillServing}`);
  const faultWindowS: [number, number] = [o.injectAtS, o.recoverAtS];
  return { name: o.name, description: o.description, run: summary, faultWindowS, afterRecoveryErrors, serverStillServing, pass, note };
}
