/**
 * The init's rehearsal, for every function: after priming (prime.ts) has done the client's network work, the real
 * handler code runs once on a made-up request, so the first real invocation finds that code compiled and every lazy
 * structure built (V8 compiles a function on its first call; the SDK builds a command's middleware, serializer and
 * parser on its first use). The benchmark's figures are in bench/results/latest.md.
 *
 * A rehearsal has no effect outside the process: its handler instance is built by the same factory as the real one,
 * but on a client whose calls are answered in the process (aws-clients.ts, answeredInProcess), with logs and metrics
 * that go nowhere. It is bounded by REHEARSAL_TIMEOUT_MS and never fails the init: a rehearsal that throws, times out
 * or does not answer as the function answers a good request logs one warning, and the first invocation then simply
 * compiles what it needs itself.
 *
 * A function's wiring rehearses in a few lines:
 *   await rehearse({ what: 'Read function', logger, run: () => handler(event, rehearsalContext()), check });
 */
import { lambdaContext } from './lambda-events';
import { LineWriter } from './logger';
import { Logger, LogFields } from './ports';

/** Far above what a rehearsal answered in process takes, short against Lambda's 10 s init. */
export const REHEARSAL_TIMEOUT_MS = 2_000;

/** Where a rehearsal's log and metric lines go. */
export const nowhere: LineWriter = () => undefined;

/** The context a rehearsed invocation gets: the remaining time of a fresh 30 s invocation, ids that say what it is. */
export function rehearsalContext() {
  return lambdaContext({ awsRequestId: 'rehearsal', functionName: 'rehearsal', memoryLimitInMB: 0, timeoutMs: 30_000, startedAt: Date.now() });
}

export interface RehearsalOptions<R> {
  /** Names the function in the warning, e.g. `Order handler`. */
  readonly what: string;
  /** One invocation of the rehearsal's handler instance on the made-up request. */
  readonly run: () => Promise<R>;
  /** Undefined when `result` is what a good request gets; otherwise the fields the warning carries. */
  readonly check: (result: R) => LogFields | undefined;
  readonly logger: Pick<Logger, 'warn'>;
  readonly timeoutMs?: number;
}

/** Runs one rehearsal; resolves within the timeout (plus a timer tick) whatever happens, and never rejects. */
export async function rehearse<R>(o: RehearsalOptions<R>): Promise<void> {
  const timeoutMs = o.timeoutMs ?? REHEARSAL_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ readonly timeout: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timeout: true }), timeoutMs);
  });
  try {
    const outcome = await Promise.race([o.run().then((result) => ({ result })), timedOut]);
    if ('timeout' in outcome) {
      o.logger.warn(`${o.what} rehearsal timed out`, { timeoutMs });
      return;
    }
    const wrong = o.check(outcome.result);
    if (wrong !== undefined) o.logger.warn(`${o.what} rehearsal did not succeed`, wrong);
  } catch (e) {
    o.logger.warn(`${o.what} rehearsal failed`, { errorName: (e as Error | undefined)?.name ?? 'Error' });
  } finally {
    clearTimeout(timer);
  }
}
