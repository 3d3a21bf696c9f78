/**
 * Lambda entry point of the default consumer bundle (assets/functions/order-events/entry-emf): the handler wired in
 * wiring-emf.ts, primed and rehearsed before the init ends, so the first batch costs about what a later one does.
 */
import { handler, prime } from './wiring-emf';

export { handler };

// esbuild bundles this file as an ES module, where Lambda waits for a top-level await before its init ends; tsc
// sees a CommonJS file (module node16, no "type": "module"), so it reports TS1309 here.
// @ts-expect-error TS1309: top-level await is valid in the ES module bundle
await prime();
