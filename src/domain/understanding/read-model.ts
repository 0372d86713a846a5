import type { Content } from '../../content/content.js';
import type { PartnershipCategory } from '../../content/schemas.js';
import { buttonValue } from '../button-values.js';
import { matchChoice, type ChoiceMatch } from './match-choice.js';
import { matchDescription, type DescribedOption } from './match-description.js';

type Discriminator = PartnershipCategory['discriminator'];
type DiscriminatorOption = Discriminator['options'][number];

/** A discriminator option as the user's kind of actor reads it (the kit words it from the company's side). */
export function wordedOption(option: DiscriminatorOption, actor: string | undefined): { label: string; hint: string } {
  return (actor ? option.byActor[actor] : undefined) ?? { label: option.label, hint: option.hint };
}

export interface ModelOption extends DescribedOption {
  category: string;
  model: string;
}

/** The models as answers, worded for `actor`: the button label, the model's name and synonyms, its definition and examples. */
export function modelOptions(content: Pick<Content, 'method'>, actor: string | undefined, category?: string): ModelOption[] {
  return content.method.categories
    .filter((c) => category === undefined || c.id === category)
    .flatMap((c) =>
      c.discriminator.options.map((o) => {
        const model = c.models.find((m) => m.id === o.model)!;
        const worded = wordedOption(o, actor);
        return {
          value: buttonValue({ kind: 'model', model: model.id }),
          label: worded.label,
          synonyms: [model.label, o.label, ...model.synonyms],
          texts: [model.definition, ...model.examples, o.hint, worded.hint],
          category: c.id,
          model: model.id,
        };
      }),
    );
}

/**
 * The partnership model meant by an answer: an option's label (as worded for the actor), a
 * model's name or synonym, its number among `options` when `numbered`, or a typed description
 * of the project read against the models' definitions and examples.
 */
export function readModel(
  text: string,
  options: readonly ModelOption[],
  vocab: Content['ui']['understanding'],
  settings: { numbered?: boolean } = {},
): ChoiceMatch<ModelOption> {
  const direct = matchChoice({ text }, options, vocab, settings);
  if (direct.kind !== 'none') return direct;
  return matchDescription(text, options, vocab);
}

/** The partnership categories as answers: label and synonyms, and as descriptions what each covers and its models. */
export function categoryOptions(content: Pick<Content, 'method'>): Array<DescribedOption & { id: string }> {
  return content.method.categories.map((c) => ({
    value: buttonValue({ kind: 'category', category: c.id }),
    label: c.label,
    synonyms: c.synonyms,
    texts: [c.covers, c.description, ...c.models.flatMap((m) => [m.label, m.definition, ...m.examples, ...m.synonyms])],
    id: c.id,
  }));
}

/** A category named (label, synonym, number) or described (« répondre ensemble à un marché public »). */
export function readCategory<T extends DescribedOption>(text: string, options: readonly T[], vocab: Content['ui']['understanding']): ChoiceMatch<T> {
  const direct = matchChoice({ text }, options, vocab, { numbered: true });
  return direct.kind !== 'none' ? direct : matchDescription(text, options, vocab);
}
