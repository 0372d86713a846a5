import type { Content } from '../../content/content.js';
import type { ActorOption, UnderstandingVocabulary } from '../../content/schemas.js';
import { buttonValue } from '../button-values.js';
import { matchChoice, type ChoiceMatch } from './match-choice.js';
import { normalise } from './normalise.js';
import { readNumber } from './read-number.js';

/** The actor types as answers to « quel type d'organisation ? », in the order of `actors.json`. */
export function actorOptions(content: Pick<Content, 'actors'>) {
  return content.actors.map((a) => ({ label: a.label, value: buttonValue({ kind: 'actor', actor: a.id }), synonyms: a.synonyms, id: a.id }));
}

export type ProfileOption = { label: string; value: string; synonyms: string[]; id: string; headcount?: ActorOption['headcount'] };

/** The options of one profile detail (`dimension`) of an actor type, as answers. */
export function dimensionOptions(content: Pick<Content, 'actors'>, actor: string, dimension: string): ProfileOption[] {
  const options = content.actors.find((a) => a.id === actor)?.dimensions.find((d) => d.id === dimension)?.options ?? [];
  return options.map((o) => ({ label: o.label, value: buttonValue({ kind: 'actor-option', option: o.id }), synonyms: o.synonyms, id: o.id, headcount: o.headcount }));
}

const PEOPLE = '(?:salaries?|personnes?|employes?|collaborateurs?|etp|permanents?|agents?|gens|membres du personnel)';
const SAID = /^(?:on est|on a|nous sommes|nous avons|nous employons|on emploie|une equipe de|equipe de|effectif de|effectif)\s+(?:(?:environ|a peu pres|pres de|autour de)\s+)?/;

/**
 * A headcount said as such: « on est 40 », « 12 salariés », « start-up de 12 personnes »,
 * « 15 000 collaborateurs », « moins de 10 salariés » (→ 9), « plus de 250 » (→ 251), « entre 10 et
 * 20 salariés » (→ 15), « aucun salarié » (→ 0). A bare « 3 » is not one (it is a position).
 */
export function readHeadcount(text: string, vocab: UnderstandingVocabulary): number | undefined {
  const t = normalise(text, vocab).replace(/(\d) (?=\d{3}(?: |$))/g, '$1');
  if (new RegExp(`(?:^|\\s)(?:aucun|zero|pas de|sans) ${PEOPLE}`).test(t)) return 0;
  const amount = (said: string) => (/^\d+$/.test(said) ? Number(said) : readNumber(said, vocab));
  const range = new RegExp(`entre (\\d+) et (\\d+)(?: ${PEOPLE})?`).exec(t);
  if (range) return Math.round((Number(range[1]) + Number(range[2])) / 2);
  const counted = new RegExp(`(?:(moins de|plus de|au moins|pas plus de) )?(\\d{1,6}|[a-z]+) ${PEOPLE}(?: |$)`).exec(t);
  const bare = SAID.test(t) ? /^(?:(moins de|plus de|au moins|pas plus de) )?(\d{1,6}|[a-z ]+)$/.exec(t.replace(SAID, '')) : null;
  const m = counted ?? bare;
  if (!m) return undefined;
  const n = amount(m[2]!.trim());
  if (n === undefined) return undefined;
  return m[1] === 'moins de' ? Math.max(0, n - 1) : m[1] === 'plus de' ? n + 1 : n;
}

/**
 * A profile detail typed by the user: a headcount where the options have one (« on est 40 » →
 * PME), else the option by label, synonym, number or words (see `matchChoice`).
 */
export function readProfileOption(text: string, options: readonly ProfileOption[], vocab: UnderstandingVocabulary): ChoiceMatch<ProfileOption> {
  if (options.some((o) => o.headcount)) {
    const n = readHeadcount(text, vocab);
    const fits = n === undefined ? undefined : options.find((o) => o.headcount && n >= o.headcount.min && (o.headcount.max === undefined || n <= o.headcount.max));
    if (fits) return { kind: 'match', option: fits, how: 'words' };
  }
  return matchChoice({ text }, options, vocab, { numbered: true });
}
