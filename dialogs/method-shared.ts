import type { Content } from '../src/content/content.js';
import type { DialogContext, Step } from '../src/conversation/dialog-types.js';
import type { CarreMagique } from '../src/domain/method/carre-magique.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import type { DialogId } from '../src/domain/dialog-ids.js';
import { message, type Choice } from '../src/domain/out-message.js';

/** The blend of a barycentre in words: each category with its objective and share. */
export function shareView(content: Content, result: CarreMagique) {
  const category = (id: string) => content.method.categories.find((c) => c.id === id)!;
  const objective = (id: string) => content.method.objectives.find((o) => o.id === id)!;
  return {
    shares: result.shares.map((s) => ({
      category: category(s.category).label,
      objective: objective(s.objective).label,
      percent: Math.round(s.share * 100),
    })),
    leaders: result.leaders.map((id) => category(id).label),
    recommended: category(result.recommended).label,
    runnerUp: result.close ? category(result.shares[1]!.category).label : null,
  };
}

/**
 * Buttons closing a step: continue to the next step (after the last one, « Mon bilan », where
 * everything is gathered), pairing when paired, the journey, the menu.
 */
export function methodNextChoices(ctx: DialogContext, nextDialog: DialogId | null): Choice[] {
  const { labels } = ctx.content.ui;
  const paired = ctx.services.pairing.active(ctx.user.id) !== undefined;
  return [
    ...(nextDialog
      ? [{ label: labels.continue, value: buttonValue({ kind: 'method', action: 'continue' }) }]
      : [{ label: labels.report, value: buttonValue({ kind: 'command', command: 'report' }) }]),
    ...(paired ? [{ label: labels.pairingShow, value: buttonValue({ kind: 'command', command: 'pairing' }) }] : []),
    { label: labels.method, value: buttonValue({ kind: 'command', command: 'method' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
}

/**
 * The step that closes a stage of the method: says what comes next and offers to continue with
 * `nextDialog` (null after the last stage).
 */
export function methodNextStep(nextStep: number | null, nextDialog: DialogId | null): Step {
  return {
    prompt: (ctx) => [message(ctx.render('method/next', { nextStep }), { choices: methodNextChoices(ctx, nextDialog) })],
    handle: (ctx, input) =>
      nextDialog && pressed(input, 'method')?.action === 'continue'
        ? { then: { switchTo: nextDialog } }
        : { then: { unrecognised: true } },
  };
}
