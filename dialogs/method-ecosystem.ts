import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { examplesForUser, type PlacedExample } from '../src/domain/method/nearby-examples.js';
import { stepToolCards } from '../src/domain/method/step-recommendations.js';
import { message } from '../src/domain/out-message.js';
import { optionChoices, readOption } from './answer-options.js';
import { methodNextStep } from './method-shared.js';
import { noted } from './understood.js';
import { profileFirst } from './profile-first.js';

const EXAMPLES_SHOWN = 6;

interface EcosystemData {
  index?: number;
  functions?: Record<string, 'need' | 'already' | 'none'>;
}

const data = (ctx: DialogContext) => ctx.data as EcosystemData;

/**
 * Step 3 of the method: the 4 functions of territorial co-construction, which ones the user
 * needs or already plays, and inspiring examples (nearest first) for those needed.
 */
export const methodEcosystemDialog: Dialog = {
  id: 'method-ecosystem',
  start: (ctx) => {
    const first = profileFirst(ctx, 'method-ecosystem');
    if (first) return first;
    data(ctx).index = 0;
    data(ctx).functions = {};
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
        const index = data(ctx).index ?? 0;
        const fn = ctx.content.ecosystem.functions[index]!;
        return [
          message(ctx.render('method/function', { fn, position: index + 1, total: ctx.content.ecosystem.functions.length }), {
            choices: optionChoices('function', fn.id, ctx.content.ui.answers.functions),
          }),
        ];
      },
      handle: (ctx, input) => {
        const d = data(ctx);
        const functions = ctx.content.ecosystem.functions;
        const index = d.index ?? 0;
        const option = readOption(ctx, 'function', functions[index]!.id, ctx.content.ui.answers.functions, input);
        if (!option) return input.value !== undefined ? { then: { unrecognised: true } } : { say: [message(ctx.render('method/function-invalid'))], then: { retry: true } };
        const said = noted(ctx, input, option.label);
        d.functions = { ...d.functions, [functions[index]!.id]: option.value as 'need' | 'already' | 'none' };
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
