// Times one cold start of the status-change bundle in this fresh process, as Lambda lives it: the import (the init,
// with its priming), then its first invocation, then warm ones, each confirming another pending order.
//   node bench/time-first-change.mjs <file-url> <orderId,orderId,...>
// Prints `FIRST {"initMs":..,"firstMs":..,"warmMs":[..],"statuses":[..],"node":".."}` on stderr.
const [target, idsArg] = process.argv.slice(2);
const ids = idsArg.split(',');
const event = (orderId, i) => ({
  version: '2.0', routeKey: 'POST /orders/{orderId}/status', rawPath: `/orders/${orderId}/status`, rawQueryString: '',
  headers: { 'content-type': 'application/json', host: '127.0.0.1' },
  pathParameters: { orderId },
  requestContext: {
    accountId: '000000000000', apiId: 'local', domainName: '127.0.0.1', domainPrefix: '127',
    http: { method: 'POST', path: `/orders/${orderId}/status`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: `r${i}`, routeKey: 'POST /orders/{orderId}/status', stage: '$default', time: '', timeEpoch: Date.now(),
    authorizer: { iam: { userArn: 'arn:aws:iam::000000000000:user/bench' } },
  },
  body: '{"status":"confirmed"}', isBase64Encoded: false,
});
const context = (i) => ({ awsRequestId: `b-${i}`, functionName: 'bench', getRemainingTimeInMillis: () => 30000 });
const t0 = performance.now();
const { handler } = await import(target);
const initMs = performance.now() - t0;
const statuses = [];
const timed = async (i) => {
  const ev = event(ids[i], i), ctx = context(i);
  const s = performance.now();
  const r = await handler(ev, ctx);
  const ms = performance.now() - s;
  statuses.push(r.statusCode);
  return ms;
};
const firstMs = await timed(0);
const warmMs = [];
for (let i = 1; i < ids.length; i++) warmMs.push(await timed(i));
process.stderr.write(`FIRST ${JSON.stringify({ initMs, firstMs, warmMs, statuses, node: process.version })}\n`);
