import { niceMax } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const HEIGHT = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

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

function frame(label: string, yMax: number, format: (v: number) => string): SVGSVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'chart',
    role: 'img',
    'aria-label': label,
  });
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    root.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, format((yMax * i) / 4)),
    );
  }
  return root;
}

function xLabels(root: SVGSVGElement, labels: string[], x: (i: number) => number): void {
  const every = Math.ceil(labels.length / 8);
  labels.forEach((label, i) => {
    if (i % every === 0) {
      root.append(svg('text', { x: x(i), y: HEIGHT - 8, class: 'axis', 'text-anchor': 'middle' }, label));
    }
  });
}

/** One line of a {@link lineChart}: values per label, null for "no data" (a gap). */
export interface LineSeries {
  name: string;
  className: string;
  values: (number | null)[];
}

/** A line chart of several series over the same labels; y from 0 to `yMax` (default: nice max). */
export function lineChart(
  label: string,
  labels: string[],
  series: LineSeries[],
  format: (v: number) => string,
  yMax?: number,
): SVGSVGElement {
  const max =
    yMax ?? niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const root = frame(label, max, format);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length === 1 ? plotW / 2 : (plotW * i) / (labels.length - 1));
  const y = (v: number) => PAD.top + plotH - (plotH * v) / max;
  for (const s of series) {
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
          { cx: x(i), cy: y(v), r: 3, class: `dot ${s.className}` },
          svg('title', {}, `${s.name} ${labels[i]}: ${format(v)}`),
        ),
      );
    });
    if (path) root.insertBefore(svg('path', { d: path, class: `line ${s.className}` }), root.firstChild);
  }
  xLabels(root, labels, x);
  return root;
}

/** A bar chart: one bar per label. */
export function barChart(
  label: string,
  labels: string[],
  values: number[],
  format: (v: number) => string,
  className = 'bar',
): SVGSVGElement {
  const max = niceMax(Math.max(0, ...values));
  const root = frame(label, max, format);
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
