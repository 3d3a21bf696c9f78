/**
 * The rate search on recorded figures: the committed full run (bench/results/latest.json) and plausible rows for
 * rates it did not try, so that each case knows the right answer. No process, no HTTP.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LoadVerdictFigures, sustainedWithinBudget } from '../../bench/budgets';
import { benchPlan } from '../../bench/plan';
import { bounds, nextRate, RateSearchOptions, searchHighestSustainedRate } from '../../bench/rate-search';

interface RecordedRow extends LoadVerdictFigures { offeredRps: number }

const latest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'bench', 'results', 'latest.json'), 'utf8')) as {
  runs: RecordedRow[]; search: RecordedRow[]; maxSustainedRps: number;
};
const plan = benchPlan(false);

/** A row as a run summary reports it: within budget, or over the p99 budget with errors. */
const fine = (offeredRps: number): RecordedRow => ({ offeredRps, p99Ms: 40, errors: 0, ackedEqualsStored: true });
const over = (offeredRps: number): RecordedRow => ({ offeredRps, p99Ms: 9000, errors: 120, ackedEqualsStored: false });

/** A machine that sustains every rate up to `capacity` and none above; records which rates were tried. */
function machine(capacity: number, recorded: RecordedRow[] = []) {
  const tried: number[] = [];
  const measure = async (rate: number) => {
    tried.push(rate);
    return recorded.find((r) => r.offeredRps === rate) ?? (rate <= capacity ? fine(rate) : over(rate));
  };
  return { tried, measure };
}

const options = (known: RecordedRow[], overrides: Partial<RateSearchOptions> = {}): RateSearchOptions => ({
  known: known.map((r) => ({ rate: r.offeredRps, sustained: sustainedWithinBudget(r) })),
  stepUp: plan.searchStepUpRps,
  resolution: plan.searchResolutionRps,
  ceiling: plan.searchCeilingRps,
  mayContinue: () => true,
  ...overrides,
});

describe('the recorded full run', () => {
  test('reports as its highest sustained rate what its own rows give', () => {
    const verdicts = (rows: RecordedRow[]) => rows.map((r) => ({ rate: r.offeredRps, sustained: sustainedWithinBudget(r) }));
    expect(latest.maxSustainedRps).toBe(bounds(verdicts([...latest.runs, ...latest.search])).sustained);
    expect(latest.search.length).toBeGreaterThan(0);
  });

  test('searches between a sustained 100 and a failed 500 instead of stopping after one failure', async () => {
    // Fixed runs as an earlier recorded run had them (100 sustained, 500 and 1000 not, 800 failed in the search);
    // this machine sustains up to 250 req/s.
    const m = machine(250, [over(800)]);
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget, options([fine(100), over(500), over(1000)]));
    expect(m.tried).toEqual([300, 200, 250]);
    expect(result.highestSustainedRps).toBe(250);
    expect(result.trials.map((t) => t.offeredRps)).toEqual(m.tried);
  });
});

describe('searchHighestSustainedRate', () => {
  test('going down from a failed 1000, a failed step does not end the search: 600 is tried and found', async () => {
    // The shape the old search got wrong: 1000 and then 800 fail, and it stopped there, reporting 500.
    const known = [fine(100), fine(500), over(1000)];
    const m = machine(600);
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget, options(known));
    expect(m.tried).toEqual([750, 650, 600]); // two failures on the way down, and it went on
    expect(result.highestSustainedRps).toBe(600);
  });

  test('steps up while every rate is sustained, then narrows down to the resolution', async () => {
    const m = machine(1450);
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget, options([fine(100), fine(500), fine(1000)]));
    expect(m.tried).toEqual([1200, 1400, 1600, 1500, 1450]);
    expect(result.highestSustainedRps).toBe(1450);
  });

  test('stops at the ceiling when every rate is sustained', async () => {
    const m = machine(Infinity);
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget, options([fine(1000)]));
    expect(m.tried).toEqual([1200, 1400, 1600, 1800, 2000]);
    expect(result.highestSustainedRps).toBe(2000);
  });

  test('the time budget ends the search with the best rate found so far', async () => {
    const m = machine(700);
    let allowed = 2;
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget,
      options([fine(100), fine(500), over(1000)], { mayContinue: () => allowed-- > 0 }));
    expect(m.tried).toEqual([750, 650]); // 700 would have been next
    expect(result.highestSustainedRps).toBe(650);
  });

  test('a machine that sustains nothing reports 0', async () => {
    const m = machine(0);
    const result = await searchHighestSustainedRate(m.measure, sustainedWithinBudget, options([over(100)]));
    expect(m.tried).toEqual([50]);
    expect(result.highestSustainedRps).toBe(0);
  });
});

describe('bounds and nextRate', () => {
  test('a sustained rate above a failed one (noise) raises the lower bound; the upper is the lowest failure above it', () => {
    const outcomes = [
      { rate: 500, sustained: false }, { rate: 600, sustained: true }, { rate: 900, sustained: false }, { rate: 1000, sustained: false },
    ];
    expect(bounds(outcomes)).toEqual({ sustained: 600, failed: 900 });
    expect(nextRate(outcomes, { stepUp: 200, resolution: 50, ceiling: 2000 })).toBe(750);
  });

  test('is done when the bounds are one resolution apart', () => {
    const outcomes = [{ rate: 600, sustained: true }, { rate: 650, sustained: false }];
    expect(nextRate(outcomes, { stepUp: 200, resolution: 50, ceiling: 2000 })).toBeUndefined();
  });
});

test('a rate is sustained only with p99 within budget, no errors and acknowledged == stored', () => {
  expect(sustainedWithinBudget(fine(100))).toBe(true);
  expect(sustainedWithinBudget({ ...fine(100), p99Ms: 100.01 })).toBe(false);
  expect(sustainedWithinBudget({ ...fine(100), errors: 1 })).toBe(false);
  expect(sustainedWithinBudget({ ...fine(100), ackedEqualsStored: false })).toBe(false);
});
