import type { Dialog, DialogContext } from '../src/dialog/dialog-types.js';
import { carreMagique } from '../src/method/carre-magique.js';
import { stepToolCards } from '../src/method/step-recommendations.js';
import { message, type Choice } from '../src/messages/out-message.js';
import { profileLabels } from '../src/content/profile-labels.js';
import { methodNextStep, shareView } from './method-shared.js';

const MAX_WEIGHT = 5;

interface ObjectivesData {
  index?: number;
  weights?: Record<string, number>;
}

const data = (ctx: DialogContext) => ctx.data as ObjectivesData;

const weightChoices = (): Choice[] =>
  Array.from({ length: MAX_WEIGHT + 1 }, (_, n) => ({ label: String(n), value: `weight:${n}` }));

/** A weight from a button (`weight:3`) or a typed whole number from 0 to 5 ("3", "3/5"). */
function readWeight(input: { text: string; value?: string }): number | undefined {
  const raw = input.value?.startsWith('weight:') ? input.value.slice(7) : input.text.trim().replace(/\s*\/\s*5$/, '');
  if (!/^\d{1,2}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_WEIGHT ? n : undefined;
}

/**
 * Step 1 of the method: the user weighs the 4 objectives of the carré magique (0 to 5 each);
 * the barycentre points to a partnership category, shown as a blend.
 */
export const methodObjectivesDialog: Dialog = {
  id: 'method-objectives',
  start: (ctx) => {
    data(ctx).index = 0;
    data(ctx).weights = {};
    const labels = profileLabels(ctx.content, ctx.user.profile);
    return {
      say: [
        message(
          ctx.render('method/objectives-intro', {
            objectives: ctx.content.method.objectives,
            who: labels.who ?? null,
            max: MAX_WEIGHT,
          }),
        ),
      ],
      then: { goto: 'weight' },
    };
  },
  steps: {
    weight: {
      prompt: (ctx) => {
        const index = data(ctx).index ?? 0;
        const objective = ctx.content.method.objectives[index]!;
        return [
          message(ctx.render('method/objective-weight', { objective, position: index + 1, total: ctx.content.method.objectives.length, max: MAX_WEIGHT }), {
            choices: weightChoices(),
          }),
        ];
      },
      handle: (ctx, input) => {
        const weight = readWeight(input);
        if (weight === undefined) return { say: [message(ctx.render('method/weight-invalid', { max: MAX_WEIGHT }))], then: { retry: true } };
        const d = data(ctx);
        const objectives = ctx.content.method.objectives;
        const index = d.index ?? 0;
        d.weights = { ...d.weights, [objectives[index]!.id]: weight };
        if (index + 1 < objectives.length) {
          d.index = index + 1;
          return { then: { goto: 'weight' } };
        }
        if (Object.values(d.weights).every((w) => w === 0)) {
          d.index = 0;
          d.weights = {};
          return { say: [message(ctx.render('method/weights-all-zero'))], then: { goto: 'weight' } };
        }
        ctx.user.method.objectives = { weights: d.weights, at: ctx.now.toISOString() };
        const result = carreMagique(objectives, d.weights);
        return {
          say: [
            message(ctx.render('method/objectives-result', { ...shareView(ctx.content, result), result })),
            message(ctx.render('method/step-tools', { step: 1 }), { cards: stepToolCards(ctx.content, ctx.render, ctx.user, 'objectifs') }),
          ],
          then: { goto: 'next' },
        };
      },
    },
    next: methodNextStep(2, 'method-model'),
  },
};
