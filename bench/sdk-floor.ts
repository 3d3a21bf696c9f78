/**
 * The SDK's own CPU per PutItem: the floor under the handler's CPU per order with I/O. The exact item the handler
 * stored (captured by the stub endpoint), sent by bench/sdk-put-item-alone.ts through the handler's client
 * configuration, sequentially, user + system time after a warm-up; each variant in its own fresh process, the
 * variants interleaved round by round. The variants are the SDK measures around the middleware cache.
 */
import { pathToFileURL } from 'node:url';
import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { bundleLikeProduction } from './bench-bundles';
import type { PutItemVariant } from './sdk-put-item-alone';
import { StubDynamoDb } from './stub-dynamodb';
import { BENCH_TABLE, median, round, spawnNode } from './support';

export const SDK_CALLS = 4000;
export const SDK_WARMUP = 500;
export const SDK_ROUNDS = 3;
export const PUT_ITEM_VARIANTS: readonly PutItemVariant[] = ['as-store', 'cache-off', 'per-call-option'];

const RUN_PUT_ITEMS = `
const {putItems}=await import(process.argv[1]);const [n,warm]=[Number(process.argv[2]),Number(process.argv[3])];
const item=JSON.parse(process.argv[4]),table=process.argv[5],variant=process.argv[6];
let failed=await putItems(warm,item,table,variant,0);
const c0=process.cpuUsage(),t0=performance.now();
failed+=await putItems(n,item,table,variant,warm);
const c=process.cpuUsage(c0),wall=performance.now()-t0;
process.stderr.write('RESULT '+JSON.stringify({cpuMs:(c.user+c.system)/1000,wallMs:wall,failed})+'\\n');`;

export interface SdkPutItemFigure {
  readonly variant: PutItemVariant;
  readonly cpuMsPerCall: number;
  readonly wallMsPerCall: number;
  readonly rounds: number;
}

async function onePass(
  bundle: string, stub: StubDynamoDb, item: Record<string, AttributeValue>, variant: PutItemVariant, env: Record<string, string>, node?: string,
) {
  const p = spawnNode(['--input-type=module', '-e', RUN_PUT_ITEMS, pathToFileURL(bundle).href, String(SDK_CALLS), String(SDK_WARMUP),
    JSON.stringify(item), BENCH_TABLE, variant], { ...env, AWS_ENDPOINT_URL_DYNAMODB: stub.endpoint }, undefined, node);
  const code = await p.exited;
  const m = /RESULT (\{.*\})/.exec(p.stderr());
  if (code !== 0 || !m) throw new Error(`SDK PutItem run failed (${code}): ${p.stderr()}`);
  const r = JSON.parse(m[1]) as { cpuMs: number; wallMs: number; failed: number };
  if (r.failed) throw new Error(`SDK PutItem run (${variant}): ${r.failed} calls failed`);
  return { cpu: r.cpuMs / SDK_CALLS, wall: r.wallMs / SDK_CALLS };
}

/**
 * CPU per PutItem for each variant, the median of SDK_ROUNDS fresh processes. `eachRound` runs after every round: the
 * caller's own measurement (the handler's CPU per order), so that it and its floor are interleaved and a change in
 * the shared machine's speed touches both alike.
 */
export async function sdkPutItemFloor(
  stub: StubDynamoDb, env: Record<string, string>, node?: string, eachRound: () => Promise<void> = async () => undefined,
): Promise<SdkPutItemFigure[]> {
  const item = await stub.lastPutItem();
  if (!item) throw new Error('the stub endpoint has seen no PutItem from the handler to copy');
  const bundle = bundleLikeProduction('sdk-put-item-alone');
  const samples = new Map(PUT_ITEM_VARIANTS.map((v) => [v, [] as { cpu: number; wall: number }[]]));
  for (let i = 0; i < SDK_ROUNDS; i++) {
    for (const v of PUT_ITEM_VARIANTS) samples.get(v)!.push(await onePass(bundle, stub, item, v, env, node));
    await eachRound();
  }
  return PUT_ITEM_VARIANTS.map((variant) => ({
    variant,
    cpuMsPerCall: round(median(samples.get(variant)!.map((s) => s.cpu)), 4),
    wallMsPerCall: round(median(samples.get(variant)!.map((s) => s.wall)), 4),
    rounds: SDK_ROUNDS,
  }));
}
