import { round, xml } from './svg.js';

export interface RadarAxis {
  label: string;
  /** null: the need was skipped or not answered yet. */
  value: number | null;
}

const SIZE = 420;
const CENTER = SIZE / 2;
const RADIUS = 130;

function at(index: number, count: number, ratio: number) {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return { x: CENTER + Math.cos(angle) * RADIUS * ratio, y: CENTER + Math.sin(angle) * RADIUS * ratio };
}

/**
 * Radar chart of the needs as a standalone SVG string: one axis per need, rings for the scale
 * levels, the user's levels as a filled polygon. Unanswered needs sit at the centre and are
 * labelled so. Drawn in plain strokes so that it prints in black and white.
 */
export function radarChart(axes: RadarAxis[], max: number, title: string): string {
  const n = axes.length;
  const rings = Array.from({ length: max }, (_, i) => {
    const points = axes.map((_, j) => at(j, n, (i + 1) / max)).map((p) => `${round(p.x)},${round(p.y)}`);
    return `<polygon class="ring" points="${points.join(' ')}"/>`;
  });
  const spokes = axes.map((_, j) => {
    const p = at(j, n, 1);
    return `<line class="spoke" x1="${CENTER}" y1="${CENTER}" x2="${round(p.x)}" y2="${round(p.y)}"/>`;
  });
  const shape = axes.map((a, j) => at(j, n, (a.value ?? 0) / max));
  const dots = axes.map((a, j) => {
    const p = shape[j]!;
    return `<circle class="value" data-axis="${xml(a.label)}" data-value="${a.value ?? ''}" cx="${round(p.x)}" cy="${round(p.y)}" r="4"/>`;
  });
  const labels = axes.map((a, j) => {
    const p = at(j, n, 1.2);
    const anchor = Math.abs(p.x - CENTER) < 10 ? 'middle' : p.x > CENTER ? 'start' : 'end';
    const suffix = a.value === null ? ' (—)' : ` (${a.value}/${max})`;
    return `<text class="axis-label" x="${round(p.x)}" y="${round(p.y)}" text-anchor="${anchor}" dominant-baseline="middle">${xml(a.label + suffix)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" viewBox="-130 -10 ${SIZE + 260} ${SIZE + 20}" role="img" aria-labelledby="radar-title">`,
    `<title id="radar-title">${xml(title)}</title>`,
    ...rings,
    ...spokes,
    `<polygon class="area" points="${shape.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')}"/>`,
    ...dots,
    ...labels,
    '</svg>',
  ].join('\n');
}
