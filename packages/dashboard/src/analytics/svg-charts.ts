import { axisTicks } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const HEIGHT = 200;
// Right padding leaves room for half of the last x label, which is centred on the last point.
const PAD = { left: 44, right: 28, top: 12, bottom: 28 };
/** Rough width of one character of an axis label (10 px font), to decide how many labels fit. */
const CHAR_WIDTH = 6.5;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  element.append(...children);
  return element;
}

/** The chart's root with horizontal grid lines and labels at `ticks` (the last one is the top). */
function frame(label: string, ticks: readonly number[], format: (v: number) => string): SVGSVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'chart',
    role: 'img',
    'aria-label': label,
  });
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const top = ticks[ticks.length - 1] ?? 1;
  for (const tick of ticks) {
    const y = PAD.top + plotH - (plotH * tick) / top;
    root.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 6, y: y + 4, class: 'axis y-tick', 'text-anchor': 'end' }, format(tick)),
    );
  }
  return root;
}

/** X labels, thinned out evenly only when they would not fit side by side. */
function xLabels(root: SVGSVGElement, labels: string[], x: (i: number) => number): void {
  const plotW = WIDTH - PAD.left - PAD.right;
  const widest = Math.max(1, ...labels.map((l) => l.length)) * CHAR_WIDTH + 8;
  const every = Math.max(1, Math.ceil((labels.length * widest) / plotW));
  labels.forEach((label, i) => {
    if (i % every === 0) {
      root.append(
        svg('text', { x: x(i), y: HEIGHT - 8, class: 'axis x-label', 'text-anchor': 'middle' }, label),
      );
    }
  });
}

/** One line of a {@link lineChart}: values per label, null for "no data" (a gap). */
export interface LineSeries {
  name: string;
  className: string;
  values: (number | null)[];
}

/**
 * A line chart of several series over the same labels, y from 0 to 100 % (`scale: 'rate'`, values
 * 0..1) or to a nice count. Markers are rings of decreasing size, the last series a solid dot, so
 * series with the same value on a day stay visible one inside the other.
 */
export function lineChart(
  label: string,
  labels: string[],
  series: LineSeries[],
  format: (v: number) => string,
  scale: 'rate' | 'count' = 'count',
): SVGSVGElement {
  const ticks =
    scale === 'rate'
      ? axisTicks(1)
      : axisTicks(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))), {
          integer: true,
        });
  const max = ticks[ticks.length - 1] ?? 1;
  const root = frame(label, ticks, format);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length === 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - (plotH * v) / max;
  series.forEach((s, index) => {
    const last = index === series.length - 1;
    const r = 3 + 2.5 * (series.length - 1 - index);
    let path = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      root.append(
        svg(
          'circle',
          { cx: x(i), cy: y(v), r, class: `dot ${last ? '' : 'hollow '}${s.className}` },
          svg('title', {}, `${s.name} ${labels[i]}: ${format(v)}`),
        ),
      );
    });
    if (path) root.insertBefore(svg('path', { d: path, class: `line ${s.className}` }), root.firstChild);
  });
  xLabels(root, labels, x);
  return root;
}

/** A bar chart of counts: one bar per label, integer y ticks. */
export function barChart(
  label: string,
  labels: string[],
  values: number[],
  format: (v: number) => string,
  className = 'bar',
): SVGSVGElement {
  const ticks = axisTicks(Math.max(0, ...values), { integer: true });
  const max = ticks[ticks.length - 1] ?? 1;
  const root = frame(label, ticks, format);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  values.forEach((v, i) => {
    const height = (plotH * v) / max;
    root.append(
      svg(
        'rect',
        {
          x: PAD.left + slot * i + slot * 0.15,
          y: PAD.top + plotH - height,
          width: slot * 0.7,
          height,
          class: className,
          'data-value': v,
        },
        svg('title', {}, `${labels[i]}: ${format(v)}`),
      ),
    );
  });
  xLabels(root, labels, (i) => PAD.left + slot * i + slot / 2);
  return root;
}
