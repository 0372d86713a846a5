import { CORNERS } from '../method/carre-magique.js';
import { round, xml } from './svg.js';

export interface CarrePoint {
  label: string;
  x: number;
  y: number;
  /** CSS class that gives the point its colour and shape (me, partner). */
  kind: 'me' | 'partner';
}

const SIZE = 360;
const MARGIN = 90;
const toX = (x: number) => MARGIN + ((x + 1) / 2) * SIZE;
const toY = (y: number) => MARGIN + ((1 - y) / 2) * SIZE;

/**
 * The carré magique as a standalone SVG string: the 4 objectives at the corners (with the
 * category each points to) and the barycentre of each participant.
 */
export function carreChart(corners: Array<{ objective: string; category: string }>, points: CarrePoint[], title: string): string {
  const cornerLabels = corners.map((c, i) => {
    const corner = CORNERS[i]!;
    const x = toX(corner.x);
    const y = toY(corner.y) + (corner.y > 0 ? -34 : 26);
    const anchor = corner.x < 0 ? 'start' : 'end';
    const dx = corner.x < 0 ? -MARGIN + 6 : MARGIN - 6;
    return [
      `<circle class="corner" cx="${toX(corner.x)}" cy="${toY(corner.y)}" r="5"/>`,
      `<text class="corner-label" x="${round(x + dx)}" y="${round(y)}" text-anchor="${anchor}">${xml(c.objective)}</text>`,
      `<text class="corner-category" x="${round(x + dx)}" y="${round(y + 16)}" text-anchor="${anchor}">→ ${xml(c.category)}</text>`,
    ].join('\n');
  });
  const marks = points.map((p) => {
    const x = round(toX(p.x));
    const y = round(toY(p.y));
    const shape =
      p.kind === 'me'
        ? `<circle class="point me" cx="${x}" cy="${y}" r="9"/>`
        : `<rect class="point partner" x="${x - 8}" y="${y - 8}" width="16" height="16" transform="rotate(45 ${x} ${y})"/>`;
    return `${shape}\n<text class="point-label" x="${x + 14}" y="${y + 4}">${xml(p.label)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart carre" viewBox="0 0 ${SIZE + 2 * MARGIN} ${SIZE + 2 * MARGIN}" role="img" aria-labelledby="carre-title">`,
    `<title id="carre-title">${xml(title)}</title>`,
    `<rect class="square" x="${MARGIN}" y="${MARGIN}" width="${SIZE}" height="${SIZE}"/>`,
    `<line class="axis" x1="${MARGIN}" y1="${MARGIN + SIZE / 2}" x2="${MARGIN + SIZE}" y2="${MARGIN + SIZE / 2}"/>`,
    `<line class="axis" x1="${MARGIN + SIZE / 2}" y1="${MARGIN}" x2="${MARGIN + SIZE / 2}" y2="${MARGIN + SIZE}"/>`,
    ...cornerLabels,
    ...marks,
    '</svg>',
  ].join('\n');
}
