/**
 * The performance budgets the benchmark judges its figures against, and how a figure is reported against one. The
 * bundle budget is the contract's, so the benchmark and the bundle-contents test judge the same number.
 */
import { BUNDLE_BUDGET_BYTES } from '../src/contract/platform';

export const BUDGETS = {
  bundleKiB: BUNDLE_BUDGET_BYTES / 1024,
  /** First invocation <= factor x warm p50 + extra (every bundle). */
  firstInvocationFactor: 1.5,
  firstInvocationExtraMs: 2,
  /** Modelled cold request <= factor x the pre-priming baseline's, same run (the order handler's bundles). */
  modelledColdRequestFactor: 0.5,
  /** Lambda gives an invocation memory / this of a vCPU (1,769 MB is one vCPU); the init runs with the full CPU. */
  mbPerVcpu: 1769,
  /** CPU per order with I/O <= factor x the SDK's PutItem alone through the same client configuration. */
  cpuWithIoFactor: 1.25,
  /** The local API's server CPU per acknowledged order, at a fixed rate, <= factor x the SDK's PutItem alone. */
  localApiOverheadFactor: 1.5,
  /** The fixed rate of that window, req/s: inside what this machine sustains, so the figure is CPU, not queueing. */
  localApiOverheadRps: 300,
  cpuMsPerOrder: 0.5,
  writesPerOrder: 1,
  /** The latency within which a rate counts as sustained. */
  p99Ms: 100,
} as const;

/** One row of the budget table; `met` is null for a figure reported without a verdict. */
export interface BudgetCheck { budget: string; measured: string; met: boolean | null }

/** The figures of a load run that decide whether its rate was sustained. */
export interface LoadVerdictFigures { readonly p99Ms: number; readonly errors: number; readonly ackedEqualsStored: boolean }

/** A rate is sustained when its p99 is within budget, no request failed, and every acknowledged order (only those) was stored. */
export const sustainedWithinBudget = (r: LoadVerdictFigures) => r.p99Ms <= BUDGETS.p99Ms && r.errors === 0 && r.ackedEqualsStored;
