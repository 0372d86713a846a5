import type { AnswerOption } from '../src/content/schemas.js';
import type { TurnInput } from '../src/dialog/dialog-types.js';
import { matchChoice } from '../src/engine/match-answer.js';
import type { Choice } from '../src/messages/out-message.js';
import { fold } from '../src/text/fold.js';

/** Buttons for a list of answer options of `content/ui.json`, values prefixed to stay distinct. */
export const optionChoices = (prefix: string, options: AnswerOption[]): Choice[] =>
  options.map((o) => ({ label: o.label, value: `${prefix}:${o.value}` }));

/** The option meant by a button, its label typed out, its number, or one of its synonyms. */
export function readOption(prefix: string, options: AnswerOption[], input: TurnInput): AnswerOption | undefined {
  const choice = matchChoice(input, optionChoices(prefix, options), { numbered: true });
  if (choice) return options.find((o) => `${prefix}:${o.value}` === choice.value);
  const typed = fold(input.text);
  return options.find((o) => o.synonyms.some((s) => fold(s) === typed));
}
