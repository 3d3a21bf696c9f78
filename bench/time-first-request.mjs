// Times one cold start in this fresh process, as Lambda lives it: the import of a function bundle (the init, which
// includes any top-level await), then its first invocation, then `warm` more invocations one after another. The
// invocations come from the bundled bench/lambda-requests.ts, imported before anything is timed.
//   node bench/time-first-request.mjs <bundle-url> <warm> <requests-module-url> <kind> <memory MB> <order body> <customer id>
// Prints `FIRST {"initMs":..,"firstMs":..,"firstCpuMs":..,"warmMs":[..],"statuses":[..],"node":".."}` on stderr.
// firstCpuMs is process.cpuUsage() around the first invocation: the part of it that Lambda's CPU share slows down.
const [target, warmArg, requestsUrl, kind, memoryMb, body, customerId] = process.argv.slice(2);
const warm = Number(warmArg);
const { invocation, succeeded } = await import(requestsUrl);
const options = { body, customerId, memoryMb: Number(memoryMb) };
const t0 = performance.now();
const { handler } = await import(target);
const initMs = performance.now() - t0;
const statuses = [];
const timed = async (i) => {
  const { event, context } = invocation(kind, i, options);
  const c0 = process.cpuUsage();
  const s = performance.now();
  const r = await handler(event, context);
  const ms = performance.now() - s;
  const c = process.cpuUsage(c0);
  statuses.push(succeeded(kind, r) ? 200 : (r?.statusCode ?? 500));
  return { ms, cpuMs: (c.user + c.system) / 1000 };
};
const first = await timed(0);
const warmMs = [];
for (let i = 1; i <= warm; i++) warmMs.push((await timed(i)).ms);
process.stderr.write(`FIRST ${JSON.stringify({ initMs, firstMs: first.ms, firstCpuMs: first.cpuMs, warmMs, statuses, node: process.version })}\n`);
