import { z } from 'zod';
import type { Dialog } from '../src/conversation/dialog-types.js';
import { examplesForUser, type PlacedExample } from '../src/domain/method/nearby-examples.js';
import { stepToolCards } from '../src/domain/method/step-recommendations.js';
import { message } from '../src/domain/out-message.js';
import { optionChoices, readOption } from './answer-options.js';
import { methodNextStep } from './method-shared.js';
import { noted } from './understood.js';
import { profileFirst } from './profile-first.js';
import { progress } from './progress.js';

const EXAMPLES_SHOWN = 6;

/** What a function is to the user (the values of `ui.json` › `answers.functions`, as `MethodProgress` keeps them). */
const FunctionRole = z.enum(['need', 'already', 'none']);

const EcosystemData = z.object({
  /** The function asked about, by its position in `ecosystem.json`. */
  index: z.number().int().min(0).default(0),
  /** The answers so far, by function. */
  functions: z.record(z.string(), FunctionRole).optional(),
});
type EcosystemData = z.infer<typeof EcosystemData>;

/**
 * Step 3 of the method: the 4 functions of territorial co-construction, which ones the user
 * needs or already plays, and inspiring examples (nearest first) for those needed.
 */
export const methodEcosystemDialog: Dialog<EcosystemData> = {
  id: 'method-ecosystem',
  data: EcosystemData,
  start: (ctx) => {
    const first = profileFirst(ctx, 'method-ecosystem');
    if (first) return first;
    ctx.data.index = 0;
    ctx.data.functions = {};
    const { ecosystem } = ctx.content;
    const byFunction = ecosystem.functions.map((f) => ({ label: f.label, actor: ecosystem.territoryExample.byFunction[f.id] ?? null }));
    return {
      say: [message(ctx.render('method/ecosystem-intro', { ecosystem, byFunction }))],
      then: { goto: 'function' },
    };
  },
  steps: {
    function: {
      prompt: (ctx) => {
        const index = ctx.data.index;
        const fn = ctx.content.ecosystem.functions[index]!;
        return [
          message(ctx.render('method/function', { fn, position: index + 1, total: ctx.content.ecosystem.functions.length }), {
            choices: optionChoices('function-answer', fn.id, ctx.content.ui.answers.functions),
            progress: progress(ctx, 'ecosystem', index + 1, ctx.content.ecosystem.functions.length),
          }),
        ];
      },
      handle: (ctx, input) => {
        const d = ctx.data;
        const functions = ctx.content.ecosystem.functions;
        const index = d.index;
        const option = readOption(ctx, 'function-answer', functions[index]!.id, ctx.content.ui.answers.functions, input);
        if (!option) return input.value !== undefined ? { then: { unrecognised: true } } : { say: [message(ctx.render('method/function-invalid'))], then: { retry: true } };
        const said = noted(ctx, input, option.label);
        d.functions = { ...d.functions, [functions[index]!.id]: FunctionRole.parse(option.value) };
        if (index + 1 < functions.length) {
          d.index = index + 1;
          return { say: said, then: { goto: 'function' } };
        }
        ctx.user.method.ecosystem = { functions: d.functions, at: ctx.now.toISOString() };
        const needed = Object.entries(d.functions).filter(([, s]) => s === 'need').map(([id]) => id);
        const label = (id: string) => functions.find((f) => f.id === id)!.label;
        const { forNeeds, nearbyOthers } = examplesForUser(functions, ctx.content.territories, ctx.user.profile.departement, needed, EXAMPLES_SHOWN);
        const view = (e: PlacedExample) => ({ ...e.example, functionLabel: label(e.functionId), proximity: e.proximity });
        return {
          say: [
            ...said,
            message(
              ctx.render('method/ecosystem-result', {
                needed: needed.map(label),
                already: Object.entries(d.functions).filter(([, s]) => s === 'already').map(([id]) => label(id)),
                examples: forNeeds.map(view),
                nearbyOthers: nearbyOthers.map(view),
                departement: ctx.user.profile.departement ?? null,
              }),
            ),
            message(ctx.render('method/step-tools', { step: 3 }), { cards: stepToolCards(ctx.content, ctx.render, ctx.user, 'ecosysteme') }),
          ],
          then: { goto: 'next' },
        };
      },
    },
    next: methodNextStep(4, 'evaluation'),
  },
};
