/**
 * The performance budgets the benchmark judges its figures against, and how a figure is reported against one. The
 * bundle budget is the contract's, so the benchmark and the bundle-contents test judge the same number.
 */
import { BUNDLE_BUDGET_BYTES } from '../src/shared/contract';

export const BUDGETS = {
  bundleKiB: BUNDLE_BUDGET_BYTES / 1024,
  coldInitMs: 45,
  cpuMsPerOrder: 0.5,
  writesPerOrder: 1,
  rateRps: 1000,
  p50Ms: 5,
  p99Ms: 100,
} as const;

export interface BudgetCheck { budget: string; measured: string; met: boolean }

/** The figures of a load run that decide whether its rate was sustained. */
export interface LoadVerdictFigures { readonly p99Ms: number; readonly errors: number; readonly ackedEqualsStored: boolean }

/** A rate is sustained when its p99 is within budget, no request failed, and every acknowledged order (only those) was stored. */
export const sustainedWithinBudget = (r: LoadVerdictFigures) => r.p99Ms <= BUDGETS.p99Ms && r.errors === 0 && r.ackedEqualsStored;
