import type { GlossaryFile } from '../content/schemas.js';

export type Acronyms = GlossaryFile['acronyms'];

/**
 * Where an acronym is left as it is: addresses and link targets; **bold** (a name, a title, the
 * user's own words shown back); « quotations » (a title, the user's words).
 */
const UNTOUCHED = /\]\([^)\s]*\)|https?:\/\/[^\s)>\]]+|www\.[^\s)>\]]+|\*\*[^*]+\*\*|«[^»]*»|&laquo;[\s\S]*?&raquo;/g;

/** One glossary, compiled once: every message is read with one pattern, not one per acronym. */
interface Compiled {
  pattern: RegExp;
  byShort: Map<string, { long: string; folded: string }>;
}
const compiled = new WeakMap<Acronyms, Compiled>();

function compile(acronyms: Acronyms): Compiled {
  let c = compiled.get(acronyms);
  if (!c) {
    // Longest first, so that « AGIRC-ARRCO » is read before « AGIRC ». Not part of a compound
    // (« ODD&CT », « AGIRC-ARRCO ») nor of a numbered name (« ODD 17 »).
    const alternatives = [...acronyms].sort((a, b) => b.short.length - a.short.length).map((a) => escape(a.short));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}&-])(?:${alternatives.join('|') || '(?!)'})(?![\\p{L}\\p{N}&-]|\\s?\\d)`, 'gu');
    c = { pattern, byShort: new Map(acronyms.map((a) => [a.short, { long: a.long, folded: fold(a.long) }])) };
    compiled.set(acronyms, c);
  }
  return c;
}

/**
 * A reader who meets « CGET » for the first time in a message learns what it is: its first use
 * becomes « CGET (Commissariat général à l'égalité des territoires) ». Not when the message
 * already spells it out (« … territoires (CGET) »), not inside an address, a name in bold or a
 * quotation, and only once per acronym in `seen` (one message, or one page).
 */
export function explainAcronyms(text: string, acronyms: Acronyms, seen: Set<string> = new Set()): string {
  if (acronyms.length === 0 || !/[A-Z]{2}/.test(text)) return text;
  const { pattern, byShort } = compile(acronyms);
  const spans = [...text.matchAll(UNTOUCHED)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  let folded: string | undefined;
  let out = '';
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const short = match[0];
    if (seen.has(short) || spans.some(([a, b]) => match.index >= a && match.index < b)) continue;
    seen.add(short);
    const entry = byShort.get(short)!;
    const end = match.index + short.length;
    folded ??= fold(text);
    if (folded.includes(entry.folded) || /^\s*\(/.test(text.slice(end))) continue;
    out += `${text.slice(from, end)} (${entry.long})`;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
