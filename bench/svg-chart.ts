/**
 * A line chart as SVG text: a linear x axis, a log10 y axis (latency spans milliseconds to tens of seconds), one
 * polyline with point markers per series, and dashed horizontal lines for budgets. GitHub renders SVG in Markdown, and
 * text is diffable and needs no encoder.
 */

export interface ChartSeries { readonly label: string; readonly color: string; readonly points: ReadonlyArray<readonly [number, number]> }
export interface ChartLine { readonly label: string; readonly color: string; readonly y: number }

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  readonly budgets: readonly ChartLine[];
  readonly width?: number;
  readonly height?: number;
}

/** Text for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const num = (x: number) => String(Math.round(x * 10) / 10);

export function lineChartSvg(o: LineChart): string {
  const W = o.width ?? 900;
  const H = o.height ?? 560;
  const left = 80; const right = W - 200; const top = 50; const bottom = H - 60;
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...o.series.flatMap((s) => s.points.map((p) => p[1])), ...o.budgets.map((b) => b.y)].filter((y) => y > 0);
  const xMin = Math.min(...xs, 0);
  const xMax = Math.max(...xs, 1) * 1.05;
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.max(Math.min(...ys), 0.1))));
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...ys, 10))));
  const px = (x: number) => left + ((x - xMin) / (xMax - xMin)) * (right - left);
  const py = (y: number) => bottom - ((Math.log10(Math.max(y, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (bottom - top);
  const text = (x: number, y: number, s: string, attrs = '') => `<text x="${num(x)}" y="${num(y)}"${attrs}>${escapeXml(s)}</text>`;
  const line = (x1: number, y1: number, x2: number, y2: number, attrs: string) =>
    `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${attrs}/>`;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(o.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    text(left, 28, o.title, ' font-size="16" font-weight="bold"'),
  ];
  for (let d = yMin; d <= yMax * 1.0001; d *= 10) {
    out.push(line(left, py(d), right, py(d), 'stroke="#dcdcdc"'));
    out.push(text(left - 8, py(d) + 4, d >= 1 ? String(Math.round(d)) : String(d), ' text-anchor="end"'));
  }
  const magnitude = Math.pow(10, Math.floor(Math.log10(xMax)));
  const step = magnitude / (xMax / magnitude < 3 ? 4 : 2);
  for (let x = 0; x <= xMax; x += step) {
    out.push(line(px(x), top, px(x), bottom, 'stroke="#dcdcdc"'));
    out.push(text(px(x), bottom + 18, String(Math.round(x)), ' text-anchor="middle"'));
  }
  out.push(line(left, top, left, bottom, 'stroke="#000000"'), line(left, bottom, right, bottom, 'stroke="#000000"'));
  out.push(text((left + right) / 2, bottom + 40, o.xLabel, ' text-anchor="middle"'));
  out.push(text(10, top - 10, o.yLabel));

  let legendY = top;
  for (const b of o.budgets) {
    out.push(`<g class="budget" data-label="${escapeXml(b.label)}">`);
    out.push(line(left, py(b.y), right, py(b.y), `stroke="${b.color}" stroke-dasharray="6 6"`));
    out.push(line(right + 15, legendY + 4, right + 35, legendY + 4, `stroke="${b.color}" stroke-dasharray="4 4"`));
    out.push(text(right + 40, legendY + 8, b.label, ` fill="${b.color}"`), '</g>');
    legendY += 18;
  }
  for (const s of o.series) {
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    out.push(`<g class="series" data-label="${escapeXml(s.label)}">`);
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map((p) => `${num(px(p[0]))},${num(py(p[1]))}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${num(px(p[0]))}" cy="${num(py(p[1]))}" r="3.5" fill="${s.color}"><title>${escapeXml(`${s.label} at ${p[0]}: ${p[1]}`)}</title></circle>`);
    out.push(`<rect x="${right + 15}" y="${legendY}" width="20" height="8" fill="${s.color}"/>`);
    out.push(text(right + 40, legendY + 8, s.label, ` fill="${s.color}"`), '</g>');
    legendY += 18;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
