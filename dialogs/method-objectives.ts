import { z } from 'zod';
import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import { carreMagique } from '../src/domain/method/carre-magique.js';
import { stepToolCards } from '../src/domain/method/step-recommendations.js';
import { message, type Choice, type OutMessage } from '../src/domain/out-message.js';
import type { CarreMagique } from '../src/domain/method/carre-magique.js';
import { readWeight } from '../src/domain/understanding/read-weight.js';
import { vocabulary } from './understood.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { methodNextStep, shareView } from './method-shared.js';
import { profileFirst } from './profile-first.js';
import { progress } from './progress.js';

/** Weights go from 0 to 10 (0 to 5 before: stored weights of that time keep their meaning, the barycentre being a ratio). */
const MAX_WEIGHT = 10;

const ObjectivesData = z.object({
  /** The objective weighed, by its position in `method.json`. */
  index: z.number().int().min(0).default(0),
  /** The weights given so far, by objective. */
  weights: z.record(z.string(), z.number().int().min(0).max(MAX_WEIGHT)).optional(),
});
type ObjectivesData = z.infer<typeof ObjectivesData>;

/** A weight button names its objective: an older card's press answers nothing. */
const weightChoices = (objective: string): Choice[] =>
  Array.from({ length: MAX_WEIGHT + 1 }, (_, weight) => ({ label: String(weight), value: buttonValue({ kind: 'weight', objective, weight }) }));

/**
 * When the two leading categories are tied or close, both explained side by side (what each
 * covers and the kit's description), so that the user can tell which fits: none otherwise.
 */
function closeCategories(ctx: DialogContext, result: CarreMagique) {
  const ids = result.leaders.length === 2 ? result.leaders : result.close ? [result.shares[0]!.category, result.shares[1]!.category] : [];
  return ids.map((id) => ctx.content.method.categories.find((c) => c.id === id)!).map((c) => ({ label: c.label, covers: c.covers, description: c.description }));
}

/**
 * Step 1 of the method: the user weighs the 4 objectives of the carré magique (0 to 10 each, in figures or in words);
 * the barycentre points to a partnership category, shown as a blend.
 */
export const methodObjectivesDialog: Dialog<ObjectivesData> = {
  id: 'method-objectives',
  data: ObjectivesData,
  start: (ctx) => {
    const first = profileFirst(ctx, 'method-objectives');
    if (first) return first;
    ctx.data.index = 0;
    ctx.data.weights = {};
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
        const index = ctx.data.index;
        const objective = ctx.content.method.objectives[index]!;
        return [
          message(ctx.render('method/objective-weight', { objective, position: index + 1, total: ctx.content.method.objectives.length, max: MAX_WEIGHT }), {
            choices: weightChoices(objective.id),
            progress: progress(ctx, 'objectives', index + 1, ctx.content.method.objectives.length),
          }),
        ];
      },
      handle: (ctx, input) => {
        const d = ctx.data;
        const objectives = ctx.content.method.objectives;
        const index = d.index;
        const objective = objectives[index]!;
        let weight: number;
        let said: OutMessage[] = [];
        if (input.value !== undefined) {
          const button = pressed(input, 'weight');
          if (button?.objective !== objective.id || button.weight > MAX_WEIGHT) return { then: { unrecognised: true } };
          weight = button.weight;
        } else {
          const read = readWeight(input.text, MAX_WEIGHT, ctx.content.method.weightWords, vocabulary(ctx));
          if (read.kind !== 'weight')
            return { say: [message(ctx.render('method/weight-invalid', { max: MAX_WEIGHT, typed: read.kind === 'out-of-range' ? read.typed : null }))], then: { retry: true } };
          weight = read.weight;
          said = [message(ctx.render('method/weight-noted', { objective, weight, max: MAX_WEIGHT }))];
        }
        d.weights = { ...d.weights, [objective.id]: weight };
        if (index + 1 < objectives.length) {
          d.index = index + 1;
          return { say: said, then: { goto: 'weight' } };
        }
        if (Object.values(d.weights).every((w) => w === 0)) {
          d.index = 0;
          d.weights = {};
          return { say: [...said, message(ctx.render('method/weights-all-zero'))], then: { goto: 'weight' } };
        }
        ctx.user.method.objectives = { weights: d.weights, max: MAX_WEIGHT, at: ctx.now.toISOString() };
        const result = carreMagique(objectives, d.weights);
        return {
          say: [
            ...said,
            message(ctx.render('method/objectives-result', { ...shareView(ctx.content, result), result, sideBySide: closeCategories(ctx, result) })),
            message(ctx.render('method/step-tools', { step: 1 }), { cards: stepToolCards(ctx.content, ctx.render, ctx.user, 'objectifs') }),
          ],
          then: { goto: 'next' },
        };
      },
    },
    next: methodNextStep(2, 'method-model'),
  },
};
