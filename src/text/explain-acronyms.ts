import type { GlossaryFile } from '../content/schemas.js';

export type Acronyms = GlossaryFile['acronyms'];

/**
 * Where an acronym is left as it is: addresses and link targets; **bold** (a name, a title, the
 * user's own words shown back); « quotations » (a title, the user's words).
 */
const UNTOUCHED = /\]\([^)\s]*\)|https?:\/\/[^\s)>\]]+|www\.[^\s)>\]]+|\*\*[^*]+\*\*|«[^»]*»|&laquo;[\s\S]*?&raquo;/g;

/**
 * A reader who meets « CGET » for the first time in a message learns what it is: its first use
 * becomes « CGET (Commissariat général à l'égalité des territoires) ». Not when the message
 * already spells it out (« … territoires (CGET) »), not inside an address, and only once per
 * acronym in `seen` (one message, or one page).
 */
export function explainAcronyms(text: string, acronyms: Acronyms, seen: Set<string> = new Set()): string {
  const spans = addressSpans(text);
  const insertions: Array<{ at: number; text: string }> = [];
  for (const { short, long } of acronyms) {
    if (seen.has(short)) continue;
    // Not part of a compound (« ODD&CT », « AGIRC-ARRCO ») nor of a numbered name (« ODD 17 »).
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}&-])${escape(short)}(?![\\p{L}\\p{N}&-]|\\s?\\d)`, 'gu');
    for (const match of text.matchAll(pattern)) {
      if (spans.some(([a, b]) => match.index >= a && match.index < b)) continue;
      seen.add(short);
      const end = match.index + short.length;
      const spelledOut = fold(text).includes(fold(long)) || /^\s*\(/.test(text.slice(end));
      if (!spelledOut) insertions.push({ at: end, text: ` (${long})` });
      break;
    }
  }
  let out = text;
  for (const { at, text: added } of insertions.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + added + out.slice(at);
  return out;
}

function addressSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(UNTOUCHED)].map((m) => [m.index, m.index + m[0].length]);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
