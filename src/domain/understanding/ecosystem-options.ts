import type { Content } from '../../content/content.js';
import type { UnderstandingVocabulary } from '../../content/schemas.js';
import { matchChoice, type ChoiceMatch } from './match-choice.js';
import { matchDescription, type DescribedOption } from './match-description.js';

/** The 4 functions of territorial co-construction as answers: label, synonyms, and activities as descriptions. */
export function functionOptions(content: Pick<Content, 'ecosystem'>): Array<DescribedOption & { id: string }> {
  return content.ecosystem.functions.map((f) => ({
    value: `function:${f.id}`,
    label: f.label,
    synonyms: f.synonyms,
    texts: [...f.activities, ...f.examples.map((e) => e.theme ?? '').filter(Boolean)],
    id: f.id,
  }));
}

/** A function named (label, synonym, number) or described by one of its activities (« on anime un fab lab »). */
export function readFunction(text: string, options: ReturnType<typeof functionOptions>, vocab: UnderstandingVocabulary): ChoiceMatch<(typeof options)[number]> {
  const direct = matchChoice({ text }, options, vocab, { numbered: true });
  return direct.kind !== 'none' ? direct : matchDescription(text, options, vocab);
}
