import type { Dialog, DialogContext } from '../src/dialog/dialog-types.js';
import { matchChoice } from '../src/engine/match-answer.js';
import { carreMagique } from '../src/method/carre-magique.js';
import { stepToolCards } from '../src/method/step-recommendations.js';
import { message, type Choice } from '../src/messages/out-message.js';
import { fold } from '../src/text/fold.js';
import { methodNextStep } from './method-shared.js';

interface ModelData {
  recommended?: string;
  category?: string;
}

const data = (ctx: DialogContext) => ctx.data as ModelData;
const categoryOf = (ctx: DialogContext, id: string | undefined) => ctx.content.method.categories.find((c) => c.id === id);

function categoryChoices(ctx: DialogContext): Choice[] {
  const recommended = data(ctx).recommended;
  const categories = ctx.content.method.categories;
  const ordered = [...categories.filter((c) => c.id === recommended), ...categories.filter((c) => c.id !== recommended)];
  return ordered.map((c) => ({
    label: c.id === recommended ? ctx.render('method/recommended-label', { label: c.label }) : c.label,
    value: `category:${c.id}`,
  }));
}

function discriminatorChoices(ctx: DialogContext): Choice[] {
  return categoryOf(ctx, data(ctx).category)?.discriminator.options.map((o) => ({ label: o.label, value: `model:${o.model}` })) ?? [];
}

/**
 * Step 2 of the method: from the category the objectives point to (or one the user picks),
 * the models of that category, one question that tells them apart, and the model that fits.
 */
export const methodModelDialog: Dialog = {
  id: 'method-model',
  start: (ctx) => {
    const objectives = ctx.user.method.objectives;
    const recommended = objectives ? carreMagique(ctx.content.method.objectives, objectives.weights).recommended : undefined;
    data(ctx).recommended = recommended;
    return {
      say: [message(ctx.render('method/model-intro', { recommended: categoryOf(ctx, recommended) ?? null, categories: ctx.content.method.categories }))],
      then: { goto: 'category' },
    };
  },
  steps: {
    category: {
      prompt: (ctx) => [message(ctx.render('method/choose-category', { hasRecommendation: Boolean(data(ctx).recommended) }), { choices: categoryChoices(ctx) })],
      handle: (ctx, input) => {
        const choice = matchChoice(input, categoryChoices(ctx), { numbered: true });
        const category = choice ? categoryOf(ctx, choice.value.slice('category:'.length)) : ctx.content.method.categories.find((c) => fold(c.label) === fold(input.text));
        if (!category) return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        data(ctx).category = category.id;
        return { say: [message(ctx.render('method/category', { category }))], then: { goto: 'discriminate' } };
      },
    },
    discriminate: {
      prompt: (ctx) => {
        const category = categoryOf(ctx, data(ctx).category)!;
        return [message(ctx.render('method/discriminate', { discriminator: category.discriminator }), { choices: discriminatorChoices(ctx) })];
      },
      handle: (ctx, input) => {
        const category = categoryOf(ctx, data(ctx).category)!;
        const choice = matchChoice(input, discriminatorChoices(ctx), { numbered: true });
        const option = category.discriminator.options.find((o) => `model:${o.model}` === choice?.value);
        const model = category.models.find((m) => m.id === option?.model);
        if (!option || !model) return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        ctx.user.method.model = { category: category.id, model: model.id, at: ctx.now.toISOString() };
        const { actors, method } = ctx.content;
        const actor = actors.find((a) => a.id === ctx.user.profile.actor);
        const modeleOption = actor?.dimensions.find((d) => d.id === 'modele')?.options.find((o) => o.id === ctx.user.profile.options.modele);
        return {
          say: [
            message(ctx.render('method/model-result', { category, model, option, fromRecommendation: category.id === data(ctx).recommended })),
            message(
              ctx.render('method/entry-points', {
                entryPoint: method.entryPoints.find((e) => e.actor === actor?.id) ?? null,
                entryCategory: categoryOf(ctx, method.entryPoints.find((e) => e.actor === actor?.id)?.category)?.label ?? null,
                continuum: method.continuum.filter((c) => ['aller-plus-loin', 'phase-rd-innovation-societale', 'phase-deploiement-cooperation-economique'].includes(c.id)),
                modeleOption: modeleOption ?? null,
              }),
            ),
            message(ctx.render('method/step-tools', { step: 2 }), { cards: stepToolCards(ctx.content, ctx.render, ctx.user, 'modele') }),
          ],
          then: { goto: 'next' },
        };
      },
    },
    next: methodNextStep(3, 'method-ecosystem'),
  },
};
