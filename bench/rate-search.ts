/**
 * The search for the highest offered rate the local API sustains within budget, as a function of a callback that
 * measures one rate. It knows nothing of processes or HTTP, so it can be tested on recorded figures.
 *
 * It keeps two bounds: the highest rate sustained so far and the lowest rate above it that failed. With no failure
 * above, it steps up; otherwise it tries the midpoint (rounded to the resolution), until the bounds are one
 * resolution apart, the next rate would pass the ceiling, or the time budget says stop. A failure therefore never
 * ends the search by itself: going down from a failed rate keeps going until a rate is sustained.
 */

export interface RateOutcome { readonly rate: number; readonly sustained: boolean }

export interface RateSearchOptions {
  /** Rates measured before the search (the fixed load runs), with their verdicts. */
  readonly known: readonly RateOutcome[];
  /** While no rate above the highest sustained one has failed, try rates this far apart. */
  readonly stepUp: number;
  /** Stop when the highest sustained rate and the lowest failed rate above it are this close; midpoints are rounded to it. */
  readonly resolution: number;
  /** Never try a rate above this. */
  readonly ceiling: number;
  /** Asked before each trial (the time budget); false ends the search with what has been found. */
  readonly mayContinue: () => boolean;
}

export interface RateSearchResult<T> {
  /** What `measure` returned, in the order the rates were tried. */
  readonly trials: T[];
  /** The highest rate sustained, among the known rates and the trials (0 if none). */
  readonly highestSustainedRps: number;
}

/** The bounds the outcomes so far give: the highest sustained rate, and the lowest failed rate above it. */
export function bounds(outcomes: Iterable<RateOutcome>): { sustained: number; failed: number | undefined } {
  const all = [...outcomes];
  const sustained = Math.max(0, ...all.filter((o) => o.sustained).map((o) => o.rate));
  const above = all.filter((o) => !o.sustained && o.rate > sustained).map((o) => o.rate);
  return { sustained, failed: above.length ? Math.min(...above) : undefined };
}

/** The next rate to try, or undefined when the search is done (apart from the time budget). */
export function nextRate(outcomes: Iterable<RateOutcome>, o: Pick<RateSearchOptions, 'stepUp' | 'resolution' | 'ceiling'>): number | undefined {
  const { sustained, failed } = bounds(outcomes);
  if (failed === undefined) {
    const up = sustained + o.stepUp;
    return up <= o.ceiling ? up : undefined;
  }
  if (failed - sustained <= o.resolution) return undefined;
  const mid = Math.round((sustained + failed) / 2 / o.resolution) * o.resolution;
  return mid > sustained && mid < failed ? mid : undefined;
}

export async function searchHighestSustainedRate<T>(
  measure: (rate: number) => Promise<T>,
  isSustained: (result: T) => boolean,
  o: RateSearchOptions,
): Promise<RateSearchResult<T>> {
  const outcomes = new Map<number, boolean>(o.known.map((k) => [k.rate, k.sustained]));
  const asOutcomes = () => [...outcomes].map(([rate, sustained]) => ({ rate, sustained }));
  const trials: T[] = [];
  for (let rate = nextRate(asOutcomes(), o); rate !== undefined && o.mayContinue(); rate = nextRate(asOutcomes(), o)) {
    const result = await measure(rate);
    trials.push(result);
    outcomes.set(rate, isSustained(result));
  }
  return { trials, highestSustainedRps: bounds(asOutcomes()).sustained };
}
