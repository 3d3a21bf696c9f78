/**
 * The benchmark's reports, rendered from the committed full run (bench/results/latest.json): the Markdown and the SVG
 * chart are what the renderers make of it, the SVG is well-formed XML holding every plotted series, and the full
 * run's assembly (budgets, results, files) is wired from the phases' results.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchPlan } from '../../bench/plan';
import { BenchResults, CHART_FILE, latencyChart, markdown, quickReport } from '../../bench/report';
import { assembleResults, FullRun, writeResults } from '../../bench/run';
import { escapeXml, lineChartSvg } from '../../bench/svg-chart';

const RESULTS = path.join(__dirname, '..', '..', 'bench', 'results');
const latest = JSON.parse(fs.readFileSync(path.join(RESULTS, 'latest.json'), 'utf8')) as BenchResults;
const plan = benchPlan(false);

interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

/** Parses XML without DTDs or CDATA, throwing on anything not well-formed: unbalanced tags, unquoted or duplicate attributes, raw `<` or `&`. */
function parseXml(xml: string): XmlElement {
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+);/g;
  const checkText = (t: string) => { if (/[<&]/.test(t.replace(entity, ''))) throw new Error(`raw < or & in ${JSON.stringify(t)}`); };
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    checkText(text);
    stack[stack.length - 1].text += text;
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`);
    const [whole, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const open = stack.pop()!;
      if (open.name !== name || attrText || selfClosing) throw new Error(`</${name}> closes <${open.name}>`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${name}>`);
        checkText(a[2]);
        attrs[a[1]] = a[2];
      }
      const el: XmlElement = { name, attrs, children: [], text: '' };
      stack[stack.length - 1].children.push(el);
      if (!selfClosing) stack.push(el);
    }
    i = lt + whole.length;
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not exactly one root element');
  return root.children[0];
}

const all = (el: XmlElement, name: string): XmlElement[] =>
  [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

describe('latency.svg', () => {
  const svgText = fs.readFileSync(path.join(RESULTS, CHART_FILE), 'utf8');
  const loadRuns = [...latest.runs, ...latest.search];

  test('is the chart of the committed results', () => {
    expect(svgText).toBe(latencyChart(loadRuns));
  });

  test('is well-formed SVG with one polyline per series, one marker per load run, and the p99 line a rate must stay under', () => {
    const svg = parseXml(svgText);
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    const series = all(svg, 'g').filter((g) => g.attrs.class === 'series');
    expect(series.map((g) => g.attrs['data-label'])).toEqual(['p50', 'p90', 'p99', 'max']);
    for (const g of series) {
      const [polyline] = all(g, 'polyline');
      expect(polyline.attrs.points.split(' ')).toHaveLength(loadRuns.length);
      expect(all(g, 'circle')).toHaveLength(loadRuns.length);
    }
    // Each marker names its value: the p99 of every load run is plotted, sorted by offered rate.
    const p99 = series.find((g) => g.attrs['data-label'] === 'p99')!;
    const sorted = [...loadRuns].sort((a, b) => a.offeredRps - b.offeredRps);
    expect(all(p99, 'title').map((t) => t.text)).toEqual(sorted.map((r) => `p99 at ${r.offeredRps}: ${r.p99Ms}`));
    const budgets = all(svg, 'g').filter((g) => g.attrs.class === 'budget').map((g) => g.attrs['data-label']);
    expect(budgets).toEqual(['p99 within which a rate is sustained: 100 ms']);
  });

  test('higher latency is drawn higher (log scale, SVG y grows downwards)', () => {
    const svg = parseXml(latencyChart([{ ...loadRuns[0], offeredRps: 100, p50Ms: 2 }, { ...loadRuns[0], offeredRps: 200, p50Ms: 2000 }]));
    const p50 = all(svg, 'g').find((g) => g.attrs['data-label'] === 'p50')!;
    const [y1, y2] = all(p50, 'circle').map((c) => Number(c.attrs.cy));
    expect(y2).toBeLessThan(y1);
  });

  test('escapes text, so a label cannot break the document', () => {
    expect(escapeXml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
    const svg = parseXml(lineChartSvg({
      title: 'p99 <budget> & "more"',
      xLabel: 'x',
      yLabel: 'y',
      budgets: [],
      series: [{ label: 'R&D <1>', color: '#000000', points: [[1, 2], [3, 4]] }],
    }));
    expect(all(svg, 'g')[0].attrs['data-label']).toBe('R&amp;D &lt;1&gt;');
  });
});

describe('latest.md', () => {
  test('is the Markdown rendering of the committed latest.json, linking the SVG chart', () => {
    const md = markdown(latest, plan);
    expect(fs.readFileSync(path.join(RESULTS, 'latest.md'), 'utf8')).toBe(md);
    expect(md).toContain(`![latency](${CHART_FILE})`);
    expect(md).toContain(`**Highest rate sustained within budget: ${latest.maxSustainedRps} req/s.**`);
  });

  test('--quick prints the handler budget rows and the handler section', () => {
    const text = quickReport(latest.quick);
    const kib = Math.round((latest.quick.bundleBytes.emf / 1024) * 10) / 10;
    expect(text.split('\n').slice(0, 3)).toEqual(['| budget | measured | |', '|---|---|---|', `| default bundle <= 300 KiB | ${kib} KiB | met |`]);
    expect(text).toContain('## Handler');
    expect(text).toContain('| bundle init vs the SDK-client-only init (both primed as the handler primes; same flags): no verdict, the rehearsal adds to the init on purpose |');
    // Every bundle has its rows: first invocation vs warm p50, and the modelled cold request.
    for (const b of latest.quick.bundleSizes) {
      const name = b.bundle.replace(/^assets\/functions\//, '');
      expect(text).toContain(`| first invocation of ${name} <= 1.5 x warm p50 + 2 ms`);
      expect(text).toContain(`| modelled cold request of ${name} (init + first invocation CPU x 1769 / 256 MB`);
    }
    expect(text).toContain('### SDK measures');
  });
});

/** The full run's inputs as the committed run recorded them. */
function recordedRun(): FullRun {
  const [pause, restart, metricsDown] = latest.faults;
  return {
    started: Date.now(),
    q: latest.quick,
    p: {
      itemBytes: latest.cost.itemBytes,
      runs: latest.runs,
      search: latest.search,
      maxSustainedRps: latest.maxSustainedRps,
      overhead: latest.overhead,
      storm: latest.storm,
      handlerLogBytesPerOrder: latest.cost.handlerLogBytesPerOrder,
      pause,
      metricsDown,
    },
    restart,
    handlerCommit: latest.handlerCommit,
    events: latest.events,
  };
}

describe('the full run, from recorded phase results', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('assembles the budgets and writes latest.json, latest.md and the chart', () => {
    const results = assembleResults(recordedRun());
    // The same inputs give the budget table and the cost estimate that were published (the recorded log bytes per
    // order are rounded to 0.1 B, hence cents compared, not every digit).
    expect(results.budgets).toEqual(latest.budgets);
    const lines = (r: BenchResults) => r.cost.estimates.map((e) => e.lines.map((l) => [l.item, l.basis]));
    expect(lines(results)).toEqual(lines(latest));
    results.cost.estimates.forEach((e, i) => expect(e.totalUsdPerMillion).toBeCloseTo(latest.cost.estimates[i].totalUsdPerMillion, 2));
    const md = writeResults(dir, results, plan);
    expect(fs.readdirSync(dir).sort()).toEqual(['latency.svg', 'latest.json', 'latest.md']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'latest.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    expect(fs.readFileSync(path.join(dir, 'latest.md'), 'utf8')).toBe(md);
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(
      fs.readFileSync(path.join(RESULTS, 'latest.md'), 'utf8').split('\n').filter((l) => l.startsWith('## ')));
  });

  test('order events add their section and a budget row that fails when an order has no event', () => {
    const events = {
      rate: 50,
      seconds: 20,
      ordersAcked: 1000,
      ordersFailed: 0,
      events: 999,
      ordersWithoutEvent: 1,
      duplicateEvents: 0,
      eventsEqualOrders: false,
      lagMs: { p50: 180, p99: 420, max: 510 },
    };
    const results = assembleResults({ ...recordedRun(), events });
    const row = results.budgets.find((b) => b.budget.startsWith('order events'));
    expect(row).toEqual(expect.objectContaining({ met: false, measured: expect.stringContaining('1000 orders, 999 events, 1 without') }));
    const md = markdown(results, plan);
    expect(md).toContain('## Order events');
    expect(md).toContain('| 1000 | 999 | 1 | 0 | **NO** | 180 ms | 420 ms | 510 ms |');
  });
});
