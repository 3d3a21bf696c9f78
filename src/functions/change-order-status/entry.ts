/**
 * Lambda entry point of the status-change function (assets/functions/change-order-status/entry): the handler wired
 * in wiring.ts, and the DynamoDB client primed before the init ends.
 */
import { handler, prime } from './wiring';

export { handler };

// esbuild bundles this file as an ES module, where Lambda waits for a top-level await before its init ends; tsc
// sees a CommonJS file (module node16, no "type": "module"), so it reports TS1309 here.
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle
await prime();
