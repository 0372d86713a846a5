/** Escapes text for SVG/XML content and attribute values. */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The charts are drawn for a phone first: their labels are `LABEL_SIZE` units high in a drawing
 * at most `CHART_WIDTH` units wide, so that on a 320 px screen (296 px for the chart) a label is
 * at least 12 px high (20 × 296 / 460 ≈ 12.9); wider screens only make them larger.
 */
export const CHART_WIDTH = 460;
export const LABEL_SIZE = 20;
/** Line height of a label of several lines, in units. */
export const LINE = 23;

/** Width of a text at `size`, estimated (DejaVu Sans / system sans-serif average glyph ≈ 0.6 em; bold a little more). */
export const textWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? 0.64 : 0.6);

/**
 * Cuts a label into lines of at most `max` characters, at spaces and after hyphens (« Modèle
 * socio-économique » → « Modèle socio- », « économique »); a word longer than `max` stays whole.
 */
export function wrap(text: string, max: number): string[] {
  const words = text.split(/(?<=-)|\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    const joiner = last === undefined || last.endsWith('-') ? '' : ' ';
    if (last !== undefined && (last + joiner + word).length <= max) lines[lines.length - 1] = last + joiner + word;
    else lines.push(word);
  }
  return lines;
}

/** A `<text>` of several lines (one `<tspan>` each), its first line's baseline at `y`. */
export function multiline(lines: string[], x: number, y: number, attrs: string, lineClass?: (index: number) => string | undefined): string {
  const spans = lines
    .map((line, i) => {
      const cls = lineClass?.(i);
      return `<tspan x="${round(x)}"${i === 0 ? '' : ` dy="${LINE}"`}${cls ? ` class="${cls}"` : ''}>${xml(line)}</tspan>`;
    })
    .join('');
  return `<text ${attrs} x="${round(x)}" y="${round(y)}">${spans}</text>`;
}
