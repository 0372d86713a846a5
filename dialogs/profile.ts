import type { Dialog, DialogContext } from '../src/dialog/dialog-types.js';
import { isCommand, matchChoice } from '../src/engine/match-answer.js';
import { parseDepartement } from '../src/engine/parse-departement.js';
import { profileLabels } from '../src/content/profile-labels.js';
import { message, type Choice } from '../src/messages/out-message.js';

interface ProfileData {
  firstTime?: boolean;
  actor?: string;
  dimension?: number;
  options?: Record<string, string>;
}

const data = (ctx: DialogContext) => ctx.data as ProfileData;
const actorOf = (ctx: DialogContext) => ctx.content.actors.find((a) => a.id === data(ctx).actor);
const dimensionOf = (ctx: DialogContext) => actorOf(ctx)?.dimensions[data(ctx).dimension ?? 0];

const actorChoices = (ctx: DialogContext): Choice[] =>
  ctx.content.actors.map((a) => ({ label: a.label, value: `actor:${a.id}` }));
const optionChoices = (ctx: DialogContext): Choice[] =>
  dimensionOf(ctx)?.options.map((o) => ({ label: o.label, value: `option:${o.id}` })) ?? [];

/** Who the user is: type of actor, the details that matter for it, and the département. */
export const profileDialog: Dialog = {
  id: 'profile',
  start: (ctx, args) => {
    ctx.data.firstTime = args.firstTime === true;
    ctx.data.options = {};
    return { then: { goto: 'actor' } };
  },
  steps: {
    actor: {
      prompt: (ctx) => [
        message(ctx.render('profile/ask-actor', { firstTime: data(ctx).firstTime ?? false, actors: ctx.content.actors }), {
          choices: actorChoices(ctx),
        }),
      ],
      handle: (ctx, input) => {
        const choice = matchChoice(input, actorChoices(ctx), { numbered: true });
        if (!choice) return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        data(ctx).actor = choice.value.slice('actor:'.length);
        data(ctx).dimension = 0;
        return { then: { goto: actorOf(ctx)?.dimensions.length ? 'dimension' : 'departement' } };
      },
    },
    dimension: {
      prompt: (ctx) => {
        const dimension = dimensionOf(ctx);
        return [
          message(ctx.render('profile/ask-dimension', { question: dimension?.question ?? '', options: dimension?.options ?? [] }), {
            choices: optionChoices(ctx),
          }),
        ];
      },
      handle: (ctx, input) => {
        const dimension = dimensionOf(ctx);
        const choice = matchChoice(input, optionChoices(ctx), { numbered: true });
        if (!dimension || !choice) return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        const d = data(ctx);
        d.options = { ...d.options, [dimension.id]: choice.value.slice('option:'.length) };
        d.dimension = (d.dimension ?? 0) + 1;
        return { then: { goto: dimensionOf(ctx) ? 'dimension' : 'departement' } };
      },
    },
    departement: {
      prompt: (ctx) => [
        message(ctx.render('profile/ask-departement'), {
          choices: [{ label: ctx.content.ui.labels.skipDepartement, value: 'departement:none' }],
        }),
      ],
      handle: (ctx, input) => {
        const skipped = input.value === 'departement:none' || isCommand(input, 'skip', ctx.content.ui.commands.skip);
        const departement = skipped ? undefined : parseDepartement(input.text);
        if (!skipped && !departement) return { say: [message(ctx.render('profile/invalid-departement'))], then: { retry: true } };
        const d = data(ctx);
        ctx.user.profile = {
          actor: d.actor,
          options: d.options ?? {},
          departement,
          completedAt: ctx.now.toISOString(),
        };
        const labels = profileLabels(ctx.content, ctx.user.profile);
        return {
          say: [message(ctx.render('profile/done', { ...labels, who: labels.who ?? '', departement: departement ?? null, firstTime: d.firstTime ?? false }))],
          then: { switchTo: 'menu' },
        };
      },
    },
  },
};
