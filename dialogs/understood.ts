import { z } from 'zod';
import type { DialogContext, StepResult, TurnInput } from '../src/conversation/dialog-types.js';
import { message, type Choice, type OutMessage } from '../src/domain/out-message.js';
import { matchChoice, type ChoiceMatch, type ChoiceOption, type MatchSettings } from '../src/domain/understanding/match-choice.js';

/** The understanding layer's words (numbers, yes/no, shorthand...) from `ui.json`. */
export const vocabulary = (ctx: Pick<DialogContext, 'content'>) => ctx.content.ui.understanding;

/** A label as said inside a sentence: « Collectivité territoriale » → « collectivité territoriale », « TPE… » kept. */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/**
 * « Noté : … » after an answer the user typed, so that they see how it was read; nothing after a
 * button press (the button already says it).
 */
export function noted(ctx: DialogContext, input: TurnInput, answer: string): OutMessage[] {
  return input.value === undefined ? [message(ctx.render('understanding/noted', { answer: inSentence(answer) }))] : [];
}

/**
 * Frame data of a dialog that asks which option was meant (extended by its own): the pending
 * clarification of a step, the values of the options it hesitated between.
 */
export const ClarifyingData = z.object({ clarify: z.object({ step: z.string(), values: z.array(z.string()) }).optional() });
type ClarifyingData = z.infer<typeof ClarifyingData>;

export function clarifying(ctx: DialogContext<ClarifyingData>, step: string): string[] | undefined {
  const c = ctx.data.clarify;
  return c?.step === step ? c.values : undefined;
}

/**
 * Reads a choice, first among the options of a pending clarification (« le premier » is then the
 * first of those two), then among all; clears the clarification once the user has answered.
 */
export function understandChoice<T extends ChoiceOption>(
  ctx: DialogContext<ClarifyingData>,
  step: string,
  input: TurnInput,
  options: readonly T[],
  settings: MatchSettings = { numbered: true },
): ChoiceMatch<T> {
  const pending = clarifying(ctx, step);
  ctx.data.clarify = undefined;
  if (pending) {
    const subset = options.filter((o) => pending.includes(o.value));
    const within = matchChoice(input, subset, vocabulary(ctx), { numbered: true });
    if (within.kind === 'match') return within;
  }
  return matchChoice(input, options, vocabulary(ctx), settings);
}

/** Asks which of two (or a few) options the user meant, as the step's next prompt. */
export function askToClarify(ctx: DialogContext<ClarifyingData>, step: string, values: string[]): StepResult {
  ctx.data.clarify = { step, values };
  return { then: { goto: step } };
}

/** The clarifying question, with one button per candidate. */
export function clarifyPrompt(ctx: DialogContext, options: Choice[]): OutMessage[] {
  return [message(ctx.render('understanding/clarify', { options: options.map((o) => o.label) }), { choices: options })];
}

/** After misses on a question that must be answered: the options again as a short numbered list. */
export function shortList(ctx: DialogContext, options: Choice[]): OutMessage[] {
  return [message(ctx.render('understanding/short-list', { options: options.map((o) => o.label) }), { choices: options })];
}
