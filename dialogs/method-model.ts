import { z } from 'zod';
import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue } from '../src/domain/button-values.js';
import { carreMagique } from '../src/domain/method/carre-magique.js';
import { stepToolCards } from '../src/domain/method/step-recommendations.js';
import { message, type Choice } from '../src/domain/out-message.js';
import type { PartnershipCategory } from '../src/content/schemas.js';
import type { StepResult } from '../src/conversation/dialog-types.js';
import type { OutMessage } from '../src/domain/out-message.js';
import { categoryOptions, modelOptions, readCategory, readModel, wordedOption } from '../src/domain/understanding/read-model.js';
import { askToClarify, clarifying, ClarifyingData, clarifyPrompt, noted, understandChoice, vocabulary } from './understood.js';
import { methodNextStep } from './method-shared.js';
import { profileFirst } from './profile-first.js';

const ModelData = ClarifyingData.extend({
  /** The category the user's objectives point to, when they weighed them. */
  recommended: z.string().optional(),
  /** The category chosen, whose models are told apart. */
  category: z.string().optional(),
});
type ModelData = z.infer<typeof ModelData>;
type Context = DialogContext<ModelData>;

const categoryOf = (ctx: Context, id: string | undefined) => ctx.content.method.categories.find((c) => c.id === id);

function categoryChoices(ctx: Context): Choice[] {
  const recommended = ctx.data.recommended;
  const categories = ctx.content.method.categories;
  const ordered = [...categories.filter((c) => c.id === recommended), ...categories.filter((c) => c.id !== recommended)];
  return ordered.map((c) => ({
    label: c.id === recommended ? ctx.render('method/recommended-label', { label: c.label }) : c.label,
    value: buttonValue({ kind: 'category', category: c.id }),
  }));
}

/** The options of the category's question, worded for the user's kind of actor. */
function discriminatorChoices(ctx: Context): Choice[] {
  return modelOptions(ctx.content, ctx.user.profile.actor, ctx.data.category).map((o) => ({ label: o.label, value: o.value }));
}

/** A sentence ends at « . », « ! » or « ? » followed by a space and a capital. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}«])/u;

/**
 * `text` without the sentences `said` holds already: the continuum's phase of the chosen category
 * repeats the category's description, which the user has just read.
 */
function unsaid(text: string, said: string): string {
  return text
    .split(SENTENCE_END)
    .filter((sentence) => !said.includes(sentence.trim()))
    .join(' ')
    .trim();
}

/** The model chosen: saved, then the reason, the entry points and the step's tools. */
function conclude(ctx: Context, category: PartnershipCategory, modelId: string, said: OutMessage[]): StepResult {
  const model = category.models.find((m) => m.id === modelId)!;
  const base = category.discriminator.options.find((o) => o.model === modelId)!;
  const option = { ...base, ...wordedOption(base, ctx.user.profile.actor) };
  ctx.user.method.model = { category: category.id, model: model.id, at: ctx.now.toISOString() };
  const { actors, method } = ctx.content;
  const actor = actors.find((a) => a.id === ctx.user.profile.actor);
  const modeleOption = actor?.dimensions.find((d) => d.id === 'modele')?.options.find((o) => o.id === ctx.user.profile.options.modele);
  return {
    say: [
      ...said,
      message(ctx.render('method/model-result', { category, model, option, fromRecommendation: category.id === ctx.data.recommended })),
      message(
        ctx.render('method/entry-points', {
          entryPoint: method.entryPoints.find((e) => e.actor === actor?.id) ?? null,
          entryCategory: categoryOf(ctx, method.entryPoints.find((e) => e.actor === actor?.id)?.category)?.label ?? null,
          continuum: method.continuum
            .filter((c) => ['aller-plus-loin', 'phase-rd-innovation-societale', 'phase-deploiement-cooperation-economique'].includes(c.id))
            .map((c) => ({ ...c, text: unsaid(c.text, category.description) }))
            .filter((c) => c.text !== ''),
          modeleOption: modeleOption ?? null,
        }),
      ),
      message(ctx.render('method/step-tools', { step: 2 }), { cards: stepToolCards(ctx.content, ctx.render, ctx.user, 'modele') }),
    ],
    then: { goto: 'next' },
  };
}

/**
 * Step 2 of the method: from the category the objectives point to (or one the user picks),
 * the models of that category, one question that tells them apart, and the model that fits.
 */
export const methodModelDialog: Dialog<ModelData> = {
  id: 'method-model',
  data: ModelData,
  start: (ctx) => {
    const first = profileFirst(ctx, 'method-model');
    if (first) return first;
    const objectives = ctx.user.method.objectives;
    const recommended = objectives ? carreMagique(ctx.content.method.objectives, objectives.weights).recommended : undefined;
    ctx.data.recommended = recommended;
    return {
      say: [message(ctx.render('method/model-intro', { recommended: categoryOf(ctx, recommended) ?? null, categories: ctx.content.method.categories }))],
      then: { goto: 'category' },
    };
  },
  steps: {
    category: {
      prompt: (ctx) => {
        const pending = clarifying(ctx, 'category');
        if (pending) return clarifyPrompt(ctx, categoryChoices(ctx).filter((c) => pending.includes(c.value)));
        return [message(ctx.render('method/choose-category', { hasRecommendation: Boolean(ctx.data.recommended) }), { choices: categoryChoices(ctx) })];
      },
      handle: (ctx, input) => {
        // Buttons are listed recommended first: a typed number follows that order.
        const ordered = categoryChoices(ctx).map((c) => categoryOptions(ctx.content).find((o) => o.value === c.value)!);
        let read = understandChoice(ctx, 'category', input, ordered);
        if (read.kind === 'none' && input.value === undefined) {
          // A description that names no model but fits a category's description (« ancrer notre relation avec notre écosystème »).
          const model = readModel(input.text, modelOptions(ctx.content, ctx.user.profile.actor), vocabulary(ctx));
          if (model.kind !== 'match') read = readCategory(input.text, ordered, vocabulary(ctx));
        }
        if (read.kind === 'clarify') return askToClarify(ctx, 'category', read.options.map((o) => o.value));
        if (read.kind === 'match') {
          const category = categoryOf(ctx, read.option.id)!;
          ctx.data.category = category.id;
          return { say: [...noted(ctx, input, category.label), message(ctx.render('method/category', { category }))], then: { goto: 'discriminate' } };
        }
        // Not a category: perhaps the project described in the user's own words.
        if (input.value === undefined) {
          const described = readModel(input.text, modelOptions(ctx.content, ctx.user.profile.actor), vocabulary(ctx));
          if (described.kind === 'match') {
            const category = categoryOf(ctx, described.option.category)!;
            ctx.data.category = category.id;
            return conclude(ctx, category, described.option.model, [message(ctx.render('method/model-from-description', { model: described.option.label, category: category.label }))]);
          }
          if (described.kind === 'clarify') {
            const [a, b] = described.options;
            if (a.category === b.category) {
              ctx.data.category = a.category;
              return { say: [message(ctx.render('method/category', { category: categoryOf(ctx, a.category)! }))], then: { goto: 'discriminate' } };
            }
          }
        }
        return { say: [message(ctx.render('method/category-invalid'))], then: { retry: true } };
      },
    },
    discriminate: {
      prompt: (ctx) => {
        const category = categoryOf(ctx, ctx.data.category)!;
        const pending = clarifying(ctx, 'discriminate');
        if (pending) return clarifyPrompt(ctx, discriminatorChoices(ctx).filter((c) => pending.includes(c.value)));
        const options = category.discriminator.options.map((o) => wordedOption(o, ctx.user.profile.actor));
        return [
          message(ctx.render('method/discriminate', { discriminator: { ...category.discriminator, options } }), { choices: discriminatorChoices(ctx) }),
        ];
      },
      handle: (ctx, input) => {
        const category = categoryOf(ctx, ctx.data.category)!;
        const actor = ctx.user.profile.actor;
        const options = modelOptions(ctx.content, actor, category.id);
        if (input.value !== undefined) {
          const pressed = options.find((o) => o.value === input.value);
          return pressed ? conclude(ctx, category, pressed.model, []) : { then: { unrecognised: true } };
        }
        const pending = clarifying(ctx, 'discriminate');
        const read = readModel(input.text, pending ? options.filter((o) => pending.includes(o.value)) : options, vocabulary(ctx), { numbered: true });
        ctx.data.clarify = undefined;
        if (read.kind === 'match') return conclude(ctx, category, read.option.model, noted(ctx, input, read.option.label));
        if (read.kind === 'clarify') return askToClarify(ctx, 'discriminate', read.options.map((o) => o.value));
        // A description that fits a model of another category better: that model, said plainly.
        const elsewhere = readModel(input.text, modelOptions(ctx.content, actor), vocabulary(ctx));
        if (elsewhere.kind === 'match') {
          const other = categoryOf(ctx, elsewhere.option.category)!;
          ctx.data.category = other.id;
          return conclude(ctx, other, elsewhere.option.model, [message(ctx.render('method/model-from-description', { model: elsewhere.option.label, category: other.label }))]);
        }
        return { say: [message(ctx.render('method/model-invalid'))], then: { retry: true } };
      },
    },
    next: methodNextStep(3, 'method-ecosystem'),
  },
};
