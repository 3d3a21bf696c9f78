/** What the full benchmark runs: rates, durations and the rate search's bounds. `--short` is a pipeline check, not a measurement. */

export interface BenchPlan {
  /** Seconds per phase cut to a minimum and results kept under .tmp/bench: checks the pipeline, measures nothing. */
  readonly short: boolean;
  /** Fixed rates of the latency runs, req/s (reported, not judged; the search finds the capacity). */
  readonly rates: readonly number[];
  /** Open-loop warm-up before the latency runs, seconds. */
  readonly warmupS: number;
  /** Measured seconds of each latency run (after 3 s at the same rate). */
  readonly durationS: number;
  /** The rate search: step while nothing above has failed, resolution, ceiling (req/s). */
  readonly searchStepUpRps: number;
  readonly searchResolutionRps: number;
  readonly searchCeilingRps: number;
  /** Measured seconds of each search trial (after 2 s at the same rate). */
  readonly searchDurationS: number;
  /** No search trial starts after this many seconds of searching. */
  readonly searchBudgetS: number;
}

export function benchPlan(short: boolean): BenchPlan {
  return {
    short,
    // Below and above the capacity of this 2-core machine (DynamoDB Local itself holds about 350-450 req/s here).
    rates: [100, 500],
    warmupS: short ? 1 : 5,
    durationS: short ? 3 : 20,
    searchStepUpRps: 200,
    searchResolutionRps: 50,
    searchCeilingRps: 2000,
    searchDurationS: short ? 2 : 10,
    searchBudgetS: short ? 1 : 90,
  };
}
