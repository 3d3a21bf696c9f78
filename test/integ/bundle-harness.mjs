// Runs a handler bundle (index.mjs) the way Lambda does: one import per process (the cold start), then invocations.
// Started by bundle-runner.ts. Requests arrive as JSON lines on stdin; results leave as JSON lines on file
// descriptor 3, because stdout belongs to the handler (its logs and EMF metrics, which the tests inspect).
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const results = createWriteStream(null, { fd: 3 });
const send = (msg) => results.write(JSON.stringify(msg) + '\n');

let handler;
try {
  ({ handler } = await import(pathToFileURL(process.argv[2]).href));
  if (typeof handler !== 'function') throw new Error(`${process.argv[2]} does not export a handler function`);
} catch (e) {
  send({ fatal: `${e.name}: ${e.message}` });
  results.end(() => process.exit(1));
}
if (handler) send({ ready: true, node: process.version });

const pending = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (!handler || line.trim() === '') continue;
  const { id, event, requestId, remainingMs } = JSON.parse(line);
  const deadline = Date.now() + remainingMs;
  const context = { awsRequestId: requestId, getRemainingTimeInMillis: () => deadline - Date.now() };
  // Invocations run concurrently, as separate Lambda instances hitting one table would.
  pending.push(handler(event, context).then(
    (result) => send({ id, result }),
    (e) => send({ id, error: { name: e?.name, message: e?.message } }),
  ));
}
await Promise.all(pending);
results.end();
