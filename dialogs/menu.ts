import { z } from 'zod';
import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { buttonValue, type CommandName } from '../src/domain/button-values.js';
import type { DialogId } from '../src/domain/dialog-ids.js';
import { journey } from '../src/domain/journey.js';

const MenuData = z.object({
  /**
   * The whole menu (asked for: « menu », the page's « Menu » button), or, after an action, only
   * what comes next: the suggested step, a question, and « Menu » for the rest.
   */
  full: z.boolean().default(false),
});
type MenuData = z.infer<typeof MenuData>;
type Entry = Choice & { dialog?: DialogId; command?: CommandName };

/** Menu entries; each button carries the anytime command that opens its dialog. */
function entries(ctx: DialogContext<MenuData>): Entry[] {
  const { labels } = ctx.content.ui;
  const answered = Object.keys(ctx.user.diagnosis.answers).length;
  const inProgress = answered > 0 && !ctx.user.diagnosis.completedAt;
  const entry = (label: string, command: CommandName, dialog: DialogId) => ({ label, value: buttonValue({ kind: 'command', command }), dialog });
  return [
    entry(inProgress ? labels.diagnosisResume : labels.diagnosis, 'diagnosis', 'diagnosis'),
    entry(labels.method, 'method', 'journey'),
    entry(labels.question, 'question', 'question'),
    entry(labels.evaluation, 'evaluation', 'evaluation'),
    entry(labels.pairing, 'pairing', 'pairing'),
    entry(labels.jeudis, 'jeudis', 'jeudis'),
    entry(labels.report, 'report', 'report'),
    entry(labels.profile, 'profile', 'profile'),
  ];
}

/** After an action: the next step of the journey (or the report), a question, and the whole menu. */
function nextEntries(ctx: DialogContext<MenuData>): Entry[] {
  const all = entries(ctx);
  const { labels } = ctx.content.ui;
  const { next } = journey(ctx.user);
  const suggested: Entry = !next
    ? all.find((e) => e.dialog === 'report')!
    : next.id === 'diagnosis'
      ? all[0]!
      : { label: ctx.render('method/continue-with', { step: ctx.render('method/step-label', { id: next.id }) }), value: buttonValue({ kind: 'journey', dialog: next.dialog }), dialog: next.dialog };
  return [suggested, all.find((e) => e.dialog === 'question')!, { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }), command: 'menu' }];
}

export const menuDialog: Dialog<MenuData> = {
  id: 'menu',
  data: MenuData,
  start: (ctx, args) => {
    ctx.data.full = args.full === true;
    return { then: { goto: 'choose' } };
  },
  steps: {
    choose: {
      // An answer already offers « Menu »: showing the whole menu after each one would drown it.
      afterAside: 'quiet',
      prompt: (ctx) => {
        const answered = Object.keys(ctx.user.diagnosis.answers).length;
        const view = { answered, total: ctx.content.needs.length, completed: Boolean(ctx.user.diagnosis.completedAt) };
        const shown = ctx.data.full ? entries(ctx) : nextEntries(ctx);
        return [message(ctx.render(ctx.data.full ? 'menu/menu' : 'menu/next', view), { choices: shown.map(({ label, value }) => ({ label, value })) })];
      },
      handle: (ctx, input) => {
        // A number counts the buttons shown; a word or a button may name any entry of the menu.
        const shown = ctx.data.full ? entries(ctx) : nextEntries(ctx);
        const all = [...shown, ...entries(ctx).filter((e) => !shown.some((s) => s.value === e.value))];
        const choice = matchChoice(input, shown, { numbered: true }) ?? matchChoice(input, all);
        const picked = all.find((e) => e.value === choice?.value);
        if (picked?.dialog) return { then: { switchTo: picked.dialog } };
        if (picked?.command === 'menu') {
          ctx.data.full = true;
          return { then: { goto: 'choose' } };
        }
        return { then: { unrecognised: true } };
      },
    },
  },
};
