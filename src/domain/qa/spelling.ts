/**
 * Typo tolerance for questions: a word the content never uses is replaced by the content's word
 * one edit away (a letter missing, added, changed, or two letters swapped), the most frequent
 * when several are, and never with another first letter. Two letters swapped are repaired from 6
 * letters on; other edits from 8 on: shorter, one edit turns too many everyday words into the
 * content's (« soigner » / « signer »).
 */
export class Speller {
  private readonly known = new Map<string, number>();
  /** Each known word under each of its one-letter deletions (and itself): « partenariat » under « partenarit »… */
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const w of words) this.known.set(w, (this.known.get(w) ?? 0) + 1);
    for (const w of this.known.keys()) {
      if (w.length < MIN_LENGTH - 1) continue;
      for (const d of new Set([w, ...deletions(w)])) {
        const list = this.byDeletion.get(d);
        if (list) list.push(w);
        else this.byDeletion.set(d, [w]);
      }
    }
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /** The word itself when known, else the nearest known word (one edit, else the same sound), else undefined. */
  correct(word: string): string | undefined {
    if (this.known.has(word)) return word;
    return this.byEdit(word) ?? this.bySound(word);
  }

  /** A known word written with the same consonants as they sound (« majik » → magique, « modl » → modele). */
  private bySound(word: string): string | undefined {
    if (word.length < MIN_LENGTH_SOUND || /\d/.test(word)) return undefined;
    const key = soundKey(word);
    return key.length >= 4 ? this.bySoundKey().get(key) : undefined;
  }

  private soundKeys?: Map<string, string>;

  /** Sound key → the most frequent known word that has it (built on first use). */
  private bySoundKey(): Map<string, string> {
    if (!this.soundKeys) {
      this.soundKeys = new Map();
      const counts = new Map<string, number>();
      for (const [w, count] of this.known) {
        if (w.length < MIN_LENGTH_SOUND || /\d/.test(w)) continue;
        const key = soundKey(w);
        if (count > (counts.get(key) ?? 0)) {
          this.soundKeys.set(key, w);
          counts.set(key, count);
        }
      }
    }
    return this.soundKeys;
  }

  private byEdit(word: string): string | undefined {
    if (word.length < MIN_LENGTH || /\d/.test(word)) return undefined;
    let best: string | undefined;
    let bestCount = 0;
    for (const d of new Set([word, ...deletions(word)])) {
      for (const candidate of this.byDeletion.get(d) ?? []) {
        const count = this.known.get(candidate)!;
        // People rarely get the first letter wrong: « recouvre » is not « découvre ».
        if (count > bestCount && candidate[0] === word[0] && (word.length >= MIN_LENGTH_ANY_EDIT || swapped(word, candidate)) && oneEditApart(word, candidate)) {
          best = candidate;
          bestCount = count;
        }
      }
    }
    return best;
  }
}

const MIN_LENGTH = 6;
const MIN_LENGTH_ANY_EDIT = 8;
const MIN_LENGTH_SOUND = 4;

/**
 * The first letter and the consonants of a word as French sounds them (qu, c before a/o/u and k
 * are one sound; g before e/i and j are one; ph is f; h and doubled letters are silent; a final
 * e, s, t, x or d is not heard), vowels dropped but the first: « majik » and « magique » both give majk.
 */
export function soundKey(word: string): string {
  const w = word
    .replace(/ph/g, 'f')
    .replace(/qu|q|c(?=[aouk])|ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/g(?=[eiy])/g, 'j')
    .replace(/h/g, '')
    .replace(/[estxd]+$/, '');
  // The first letter and the first vowel stay: « façon » (fakn) is not « fécond » (fekn).
  const first = w[0] ?? '';
  const vowel = /[aeiouy]/.exec(w.slice(1))?.[0] ?? '';
  const rest = w.slice(1).replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
  return first + vowel + rest;
}

/** Same letters, two neighbours swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** True when a and b differ by one insertion, deletion, substitution or swap of two neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
