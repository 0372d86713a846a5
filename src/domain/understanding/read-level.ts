import type { ScaleLevel, UnderstandingVocabulary } from '../../content/schemas.js';
import { matchChoice, type ChoiceMatch } from './match-choice.js';
import { matchDescription } from './match-description.js';
import { normalise } from './normalise.js';
import { readNumber } from './read-number.js';
import { readYesNo } from './read-yes-no.js';

export type LevelReading = ChoiceMatch<ScaleLevel> | { kind: 'dont-know' };

/**
 * A self-assessment level typed in words or figures: « 3 », « 3/4 », « niveau 3 », « trois »,
 * a level's label or synonym (« plutôt oui », « en acton »), or « je ne sais pas » (an answer of
 * its own, not a refusal). Buttons are read by the dialog, which knows which need they name.
 */
export function readLevel(text: string, scale: readonly ScaleLevel[], vocab: UnderstandingVocabulary): LevelReading {
  const normalised = normalise(text, vocab);
  if (normalised === '') return { kind: 'none' };
  const max = Math.max(...scale.map((l) => l.value));
  const level = (n: number): LevelReading => {
    const found = scale.find((l) => l.value === n);
    return found ? { kind: 'match', option: found, how: 'number' } : { kind: 'none' };
  };
  // « 2/4 », « 2 sur 4 », « niveau 2 », « note 2 »: a figure, out of the scale's top if one is said.
  const outOf = /^(?:(?:niveau|note|level) )?(\d{1,2})(?: (?:sur )?(\d{1,2}))?$/.exec(normalised);
  if (outOf) return outOf[2] === undefined || Number(outOf[2]) === max ? level(Number(outOf[1])) : { kind: 'none' };
  const number = readNumber(normalised, vocab);
  if (number !== undefined) return level(number);
  if (readYesNo(text, vocab) === 'dont-know') return { kind: 'dont-know' };
  const options = scale.map((l) => ({ ...l, value: String(l.value), level: l }));
  const match = matchChoice({ text }, options, vocab);
  if (match.kind === 'match') return { kind: 'match', option: match.option.level, how: match.how };
  if (match.kind === 'clarify') return { kind: 'clarify', options: [match.options[0].level, match.options[1].level] };
  // A sentence: read against each level's description (« des actions sont lancées, à consolider »).
  const described = matchDescription(text, options.map((o) => ({ ...o, texts: [o.description] })), vocab);
  if (described.kind === 'match') return { kind: 'match', option: described.option.level, how: 'words' };
  return { kind: 'none' };
}
