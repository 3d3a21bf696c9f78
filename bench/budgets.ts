/** DESIGN.md "Performance budgets", and how the benchmark reports a figure against one. */
export const BUDGETS = {
  bundleKiB: 300,
  coldInitMs: 45,
  cpuMsPerOrder: 0.5,
  writesPerOrder: 1,
  rateRps: 1000,
  p50Ms: 5,
  p99Ms: 100,
} as const;

export interface BudgetCheck { budget: string; measured: string; met: boolean }
