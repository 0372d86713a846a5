import type { DialogContext, Step, StepResult } from '../src/conversation/dialog-types.js';
import { buttonValue, type ButtonValue } from '../src/domain/button-values.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { message } from '../src/domain/out-message.js';
import { readYesNo } from '../src/domain/understanding/read-yes-no.js';

export interface YesNoStep {
  /** The question (its text) and the two buttons: labels from ui.json, values the dialog's own. */
  question(ctx: DialogContext): string;
  yes: { label: (ctx: DialogContext) => string; value: ButtonValue; then(ctx: DialogContext): StepResult };
  no: { label: (ctx: DialogContext) => string; value: ButtonValue; then(ctx: DialogContext): StepResult };
}

/** A question answered by yes or no: the buttons, or « oui » / « non » typed; anything else is asked again. */
export function yesNoStep(step: YesNoStep): Step {
  return {
    prompt: (ctx) => [
      message(step.question(ctx), {
        choices: [
          { label: step.yes.label(ctx), value: buttonValue(step.yes.value) },
          { label: step.no.label(ctx), value: buttonValue(step.no.value) },
        ],
      }),
    ],
    handle: (ctx, input) => {
      const { commands } = ctx.content.ui;
      if (input.value === buttonValue(step.yes.value) || isCommand(input, 'yes', commands.yes)) return step.yes.then(ctx);
      if (input.value === buttonValue(step.no.value) || isCommand(input, 'no', commands.no)) return step.no.then(ctx);
      if (input.value !== undefined) return { then: { unrecognised: true } };
      // « oui bien sûr », « non merci pas maintenant »: read by the understanding layer. A
      // « je ne sais pas » is no consent: asked again.
      const read = readYesNo(input.text, ctx.content.ui.understanding);
      if (read === 'yes') return step.yes.then(ctx);
      if (read === 'no') return step.no.then(ctx);
      return { say: [message(ctx.render('commands/yes-or-no'))], then: { retry: true } };
    },
  };
}
