/**
 * Lambda entry point of the PutMetricData consumer bundle (assets/functions/order-events/entry-put-metric-data): the
 * handler wired in wiring-put-metric-data.ts, primed and rehearsed before the init ends, as in the default bundle.
 */
import { handler, prime } from './wiring-put-metric-data';

export { handler };

// esbuild bundles this file as an ES module, where Lambda waits for a top-level await before its init ends; tsc
// sees a CommonJS file (module node16, no "type": "module"), so it reports TS1309 here.
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle
await prime();
