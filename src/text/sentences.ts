/** A sentence ends at « . », « ! », « ? » or « … » followed by a space and a capital or « « ». */
const SENTENCE_END = /(?<=[.!?…])\s+(?=[\p{Lu}«])/gu;
/** A clause of a long sentence ends at « ; » (the seeds list things that way). */
const CLAUSE_END = /(?<=\s;)\s+/gu;

/**
 * `text` cut after its first whole sentences within `max` characters, and the rest: `[lead,
 * rest]`, `rest` empty when nothing is left. When the first sentence alone is longer, it is cut
 * after its first clauses (at « ; ») within `max`; when it has none, it is kept whole.
 */
export function splitLead(text: string, max: number): [string, string] {
  if (text.length <= max) return [text, ''];
  const cut = lastBefore(text, SENTENCE_END, max) ?? lastBefore(text, CLAUSE_END, max) ?? firstOf(text, SENTENCE_END);
  if (cut === undefined) return [text, ''];
  return [text.slice(0, cut).trimEnd(), text.slice(cut).trimStart()];
}

function lastBefore(text: string, pattern: RegExp, max: number): number | undefined {
  let cut: number | undefined;
  for (const m of text.matchAll(pattern)) {
    if (m.index > max) break;
    cut = m.index;
  }
  return cut;
}

function firstOf(text: string, pattern: RegExp): number | undefined {
  for (const m of text.matchAll(pattern)) return m.index;
  return undefined;
}
