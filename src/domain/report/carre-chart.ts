import { CORNERS } from '../method/carre-magique.js';
import { CHART_WIDTH, LABEL_SIZE, LINE, multiline, round, textWidth, wrap, xml } from './svg.js';

export interface CarrePoint {
  label: string;
  x: number;
  y: number;
  /** CSS class that gives the point its colour and shape (me, partner). */
  kind: 'me' | 'partner';
}

/** Space between the drawing's edge and the square. */
const MARGIN = 8;
const SIDE = CHART_WIDTH - 2 * MARGIN;
/** Characters of a corner label's line: half the drawing's width each. */
const LINE_CHARS = Math.floor((CHART_WIDTH / 2 - 12) / textWidth('x', LABEL_SIZE, true));

/**
 * The carré magique as a standalone SVG string: the 4 objectives at the corners (with the
 * category each points to), above and below the square so that they keep the drawing
 * `CHART_WIDTH` units wide (readable on a phone, see svg.ts), and the barycentre of each participant.
 */
export function carreChart(corners: Array<{ objective: string; category: string }>, points: CarrePoint[], title: string): string {
  const blocks = corners.map((c, i) => {
    const corner = CORNERS[i]!;
    const objective = wrap(c.objective, LINE_CHARS);
    const category = wrap(`→ ${c.category}`, LINE_CHARS);
    return { corner, objective, category, height: (objective.length + category.length) * LINE };
  });
  const topHeight = Math.max(...blocks.filter((b) => b.corner.y > 0).map((b) => b.height));
  const bottomHeight = Math.max(...blocks.filter((b) => b.corner.y < 0).map((b) => b.height));
  // Room above the first line's ascenders, then the top labels, then the square.
  const top = 6 + topHeight + 10;
  const height = top + SIDE + 10 + bottomHeight + 6;
  const toX = (x: number) => MARGIN + ((x + 1) / 2) * SIDE;
  const toY = (y: number) => top + ((1 - y) / 2) * SIDE;

  const cornerLabels = blocks.map((b) => {
    const x = b.corner.x < 0 ? MARGIN : MARGIN + SIDE;
    const anchor = b.corner.x < 0 ? 'start' : 'end';
    // Above the square for the top corners (the block ends on the square), below it for the bottom ones.
    const first = b.corner.y > 0 ? top - 10 - b.height + LINE * 0.78 : top + SIDE + 10 + LINE * 0.78;
    return [
      `<circle class="corner" cx="${toX(b.corner.x)}" cy="${toY(b.corner.y)}" r="6"/>`,
      multiline(b.objective, x, first, `class="corner-label" text-anchor="${anchor}"`),
      multiline(b.category, x, first + b.objective.length * LINE, `class="corner-category" text-anchor="${anchor}"`),
    ].join('\n');
  });
  const marks = points.map((p) => {
    const x = round(toX(p.x));
    const y = round(toY(p.y));
    const shape =
      p.kind === 'me'
        ? `<circle class="point me" cx="${x}" cy="${y}" r="10"/>`
        : `<rect class="point partner" x="${x - 9}" y="${y - 9}" width="18" height="18" transform="rotate(45 ${x} ${y})"/>`;
    // The label on the side with room, « Vous » above its point and the partner's below, so that close points stay legible.
    const right = x < CHART_WIDTH / 2 || x + 16 + textWidth(p.label, LABEL_SIZE, true) < CHART_WIDTH;
    const ly = p.kind === 'me' ? y - 10 : y + 26;
    return `${shape}\n<text class="point-label" x="${round(right ? x + 16 : x - 16)}" y="${ly}" text-anchor="${right ? 'start' : 'end'}">${xml(p.label)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart carre" viewBox="0 0 ${CHART_WIDTH} ${round(height)}" role="img" aria-labelledby="carre-title">`,
    `<title id="carre-title">${xml(title)}</title>`,
    `<rect class="square" x="${MARGIN}" y="${top}" width="${SIDE}" height="${SIDE}"/>`,
    `<line class="axis" x1="${MARGIN}" y1="${top + SIDE / 2}" x2="${MARGIN + SIDE}" y2="${top + SIDE / 2}"/>`,
    `<line class="axis" x1="${MARGIN + SIDE / 2}" y1="${top}" x2="${MARGIN + SIDE / 2}" y2="${top + SIDE}"/>`,
    ...cornerLabels,
    ...marks,
    '</svg>',
  ].join('\n');
}
