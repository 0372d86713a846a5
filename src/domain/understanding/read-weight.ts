import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { matchChoice } from './match-choice.js';
import { normalise } from './normalise.js';
import { readNumber } from './read-number.js';

export type WeightReading = { kind: 'weight'; weight: number } | { kind: 'out-of-range'; typed: number } | { kind: 'none' };

/**
 * An objective's weight from 0 to `max`: « 7 », « 7/10 », « 7 sur 10 », « 3/5 » (→ 6 on 10),
 * « 70 % », « sept », or words from `method.json` (`weightWords`: « pas important » → 0,
 * « prioritaire » → 10). A figure above `max` is out of range (said so, not guessed).
 */
export function readWeight(
  text: string,
  max: number,
  weightWords: ReadonlyArray<{ value: number; synonyms: readonly string[] }>,
  vocab: UnderstandingVocabulary,
): WeightReading {
  const t = normalise(text.replace(/(\d)\s*\/\s*(\d)/g, '$1 sur $2'), vocab);
  if (t === '') return { kind: 'none' };
  const scaled = (n: number, outOf: number) => Math.round((n * max) / outOf);
  const within = (n: number): WeightReading => (n >= 0 && n <= max ? { kind: 'weight', weight: n } : { kind: 'out-of-range', typed: n });
  const fraction = /^(?:(?:poids|note|importance) )?(\d{1,3}) sur (\d{1,3})$/.exec(t);
  if (fraction) {
    const [n, outOf] = [Number(fraction[1]), Number(fraction[2])];
    return outOf > 0 && n <= outOf ? within(scaled(n, outOf)) : { kind: 'out-of-range', typed: n };
  }
  const percent = /^(\d{1,3}) pourcent$/.exec(t);
  if (percent) return Number(percent[1]) <= 100 ? within(scaled(Number(percent[1]), 100)) : { kind: 'none' };
  const wordedFraction = /^(.+) sur (.+)$/.exec(t);
  if (wordedFraction) {
    const [n, outOf] = [readNumber(wordedFraction[1]!, vocab), readNumber(wordedFraction[2]!, vocab)];
    if (n !== undefined && outOf !== undefined && outOf > 0 && n <= outOf) return within(scaled(n, outOf));
  }
  const number = readNumber(t, vocab);
  if (number !== undefined) return within(number);
  const options = weightWords.map((w) => ({ value: String(w.value), label: w.synonyms[0]!, synonyms: w.synonyms }));
  const match = matchChoice({ text }, options, vocab);
  // Two weight words close to each other (« important, voire prioritaire »): the nearer to the top.
  if (match.kind === 'clarify') return within(Math.max(Number(match.options[0].value), Number(match.options[1].value)));
  return match.kind === 'match' ? within(Number(match.option.value)) : { kind: 'none' };
}
