/**
 * A TCP proxy in front of a real DynamoDB engine that can lose answers after the engine acted on the request: the
 * request is forwarded whole, the response is dropped. That is what a client sees when a write times out after
 * DynamoDB applied it, which pausing the engine cannot show (a paused engine applies nothing until it resumes).
 */
import * as net from 'node:net';

/** The header that names a DynamoDB call; requests carry it in their first packet. */
const TARGET = /x-amz-target:\s*DynamoDB_20120810\.(\w+)/i;

export interface StallingProxy {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Calls forwarded so far, by operation. */
  readonly forwarded: Record<string, number>;
  /** Drop the answers on the connections that carry the next `n` calls of `operation` (the calls still reach the engine). */
  loseAnswersTo(operation: string, n: number): void;
  /** While stalled, every answer on every connection is dropped; the requests still reach the engine. */
  stall(): void;
  /** Answers flow again; connections that lost an answer are closed (their HTTP framing is broken). */
  release(): void;
  close(): Promise<void>;
}

export async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  const lose: Record<string, number> = {};
  const forwarded: Record<string, number> = {};
  const open = new Set<net.Socket>();
  const broken = new Set<net.Socket>();
  let stalled = false;

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    let dropping = false;
    client.on('data', (chunk: Buffer) => {
      const op = TARGET.exec(chunk.toString('latin1'))?.[1];
      if (op !== undefined) {
        forwarded[op] = (forwarded[op] ?? 0) + 1;
        if ((lose[op] ?? 0) > 0) {
          lose[op]--;
          dropping = true;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropping || stalled) {
        broken.add(client);
        return;
      }
      client.write(chunk);
    });
    const end = () => { client.destroy(); upstream.destroy(); open.delete(client); broken.delete(client); };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    forwarded,
    loseAnswersTo: (operation, n) => { lose[operation] = n; },
    stall: () => { stalled = true; },
    release: () => {
      stalled = false;
      for (const s of broken) s.destroy();
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}
