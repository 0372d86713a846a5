import { CHART_WIDTH, LABEL_SIZE, LINE, multiline, round, textWidth, wrap, xml } from './svg.js';

export interface RadarAxis {
  label: string;
  /** null: the need was skipped or not answered yet. */
  value: number | null;
}

/** Characters of a label's line: the longest label line stays within a third of the drawing. */
const LINE_CHARS = 12;

interface Placed {
  lines: string[];
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: { x1: number; x2: number; y1: number; y2: number };
}

const angleOf = (index: number, count: number) => -Math.PI / 2 + (2 * Math.PI * index) / count;

/** A label's lines around the tip of its axis, out of the chart: above the top, below the bottom, beside the sides. */
function place(lines: string[], angle: number, radius: number): Placed {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const px = cos * (radius + 10);
  const py = sin * (radius + 10);
  const anchor = cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle';
  const height = lines.length * LINE;
  const top = sin < -0.5 ? py - height : sin > 0.5 ? py : py - height / 2;
  const width = Math.max(...lines.map((l, i) => textWidth(l, LABEL_SIZE, i === lines.length - 1)));
  const x1 = anchor === 'start' ? px : anchor === 'end' ? px - width : px - width / 2;
  return { lines, x: px, y: top + LINE * 0.78, anchor, box: { x1, x2: x1 + width, y1: top, y2: top + height } };
}

/**
 * Radar chart of the needs as a standalone SVG string: one axis per need, rings for the scale
 * levels, the user's levels as a filled polygon. Each label gives the need and the level (« — »
 * when not answered). The radius is the largest that keeps every label within `CHART_WIDTH`
 * units, so that labels stay readable on a phone (see svg.ts). Drawn in plain strokes so that it
 * prints in black and white.
 */
export function radarChart(axes: RadarAxis[], max: number, title: string): string {
  const n = axes.length;
  const labelLines = axes.map((a) => [...wrap(a.label, LINE_CHARS), a.value === null ? '—' : `${a.value}/${max}`]);
  let radius = 160;
  let labels: Placed[] = [];
  let box = { x1: 0, x2: 0, y1: 0, y2: 0 };
  for (; radius >= 60; radius -= 5) {
    labels = labelLines.map((lines, j) => place(lines, angleOf(j, n), radius));
    box = labels.reduce(
      (b, l) => ({ x1: Math.min(b.x1, l.box.x1), x2: Math.max(b.x2, l.box.x2), y1: Math.min(b.y1, l.box.y1), y2: Math.max(b.y2, l.box.y2) }),
      { x1: -radius, x2: radius, y1: -radius, y2: radius },
    );
    if (box.x2 - box.x1 + 8 <= CHART_WIDTH) break;
  }
  const at = (index: number, ratio: number) => ({ x: Math.cos(angleOf(index, n)) * radius * ratio, y: Math.sin(angleOf(index, n)) * radius * ratio });
  const rings = Array.from({ length: max }, (_, i) => {
    const points = axes.map((_, j) => at(j, (i + 1) / max)).map((p) => `${round(p.x)},${round(p.y)}`);
    return `<polygon class="ring" points="${points.join(' ')}"/>`;
  });
  const spokes = axes.map((_, j) => {
    const p = at(j, 1);
    return `<line class="spoke" x1="0" y1="0" x2="${round(p.x)}" y2="${round(p.y)}"/>`;
  });
  const shape = axes.map((a, j) => at(j, (a.value ?? 0) / max));
  const dots = axes.map((a, j) => {
    const p = shape[j]!;
    return `<circle class="value" data-axis="${xml(a.label)}" data-value="${a.value ?? ''}" cx="${round(p.x)}" cy="${round(p.y)}" r="5"/>`;
  });
  const texts = labels.map((l) => multiline(l.lines, l.x, l.y, `class="axis-label" text-anchor="${l.anchor}"`, (i) => (i === l.lines.length - 1 ? 'axis-level' : undefined)));
  // Centre the drawing in a box CHART_WIDTH wide when the labels leave room.
  const width = Math.max(CHART_WIDTH, box.x2 - box.x1 + 8);
  const x0 = (box.x1 + box.x2) / 2 - width / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" viewBox="${round(x0)} ${round(box.y1 - 4)} ${round(width)} ${round(box.y2 - box.y1 + 8)}" role="img" aria-labelledby="radar-title">`,
    `<title id="radar-title">${xml(title)}</title>`,
    ...rings,
    ...spokes,
    `<polygon class="area" points="${shape.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')}"/>`,
    ...dots,
    ...texts,
    '</svg>',
  ].join('\n');
}
