// Times one cold start in this fresh process, as Lambda lives it: the import of a handler bundle (the init, which
// includes any top-level await), then its first invocation, then `warm` more invocations one after another.
//   node bench/time-first-request.mjs <file-url> <warm> <order body> <memory MB>
// Prints `FIRST {"initMs":..,"firstMs":..,"warmMs":[..],"statuses":[..],"node":".."}` on stderr.
const [target, warmArg, body, memoryMb] = process.argv.slice(2);
const warm = Number(warmArg);
const event = (i) => ({
  version: '2.0', routeKey: 'POST /orders', rawPath: '/orders', rawQueryString: '',
  headers: { 'content-type': 'application/json', host: '127.0.0.1', 'user-agent': 'bench' },
  requestContext: {
    accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: '127',
    http: { method: 'POST', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: `r${i}`, routeKey: 'POST /orders', stage: '$default', time: '01/Jan/2025:00:00:00 +0000', timeEpoch: Date.now(),
  },
  body, isBase64Encoded: false,
});
const context = (i) => ({
  awsRequestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, functionName: 'bench', functionVersion: '$LATEST',
  memoryLimitInMB: memoryMb, getRemainingTimeInMillis: () => 30000,
});
const t0 = performance.now();
const { handler } = await import(target);
const initMs = performance.now() - t0;
const statuses = [];
const timed = async (i) => {
  const ev = event(i), ctx = context(i);
  const s = performance.now();
  const r = await handler(ev, ctx);
  const ms = performance.now() - s;
  statuses.push(r.statusCode);
  return ms;
};
const firstMs = await timed(0);
const warmMs = [];
for (let i = 1; i <= warm; i++) warmMs.push(await timed(i));
process.stderr.write(`FIRST ${JSON.stringify({ initMs, firstMs, warmMs, statuses, node: process.version })}\n`);
