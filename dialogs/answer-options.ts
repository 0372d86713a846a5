import type { AnswerOption } from '../src/content/schemas.js';
import type { DialogContext, TurnInput } from '../src/conversation/dialog-types.js';
import { buttonValue } from '../src/domain/button-values.js';
import type { Choice } from '../src/domain/out-message.js';
import { matchChoice } from '../src/domain/understanding/match-choice.js';
import { readYesNo } from '../src/domain/understanding/read-yes-no.js';
import { vocabulary } from './understood.js';

/** The questions answered with a list of answer options of `content/ui.json` (`answers`). */
type OptionQuestion = 'function-answer' | 'evaluation-answer';

/**
 * Buttons for a list of answer options of `content/ui.json`. Their values name the question they
 * answer: the same options serve several questions in a row, and a press on an earlier
 * question's card must not answer the current one.
 */
export const optionChoices = (kind: OptionQuestion, question: string, options: AnswerOption[]): Choice[] =>
  options.map((o) => ({ label: o.label, value: buttonValue({ kind, question, answer: o.value }) }));

/**
 * The option meant by this question's button, its label or a synonym typed (typos tolerated), its
 * number, or a yes / no / « je ne sais pas » phrasing when the options have those values.
 */
export function readOption(ctx: DialogContext, kind: OptionQuestion, question: string, options: AnswerOption[], input: TurnInput): AnswerOption | undefined {
  const choices = optionChoices(kind, question, options).map((c, i) => ({ ...c, synonyms: options[i]!.synonyms, option: options[i]! }));
  const read = matchChoice(input, choices, vocabulary(ctx), { numbered: true });
  if (read.kind === 'match') return read.option.option;
  if (input.value !== undefined) return undefined;
  const yesNo = readYesNo(input.text, vocabulary(ctx));
  const value = yesNo === 'dont-know' ? 'unknown' : yesNo;
  return value ? options.find((o) => o.value === value) : undefined;
}
