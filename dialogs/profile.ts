import type { Dialog, DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { readDepartement, type Place } from '../src/domain/understanding/departements.js';
import { normalise } from '../src/domain/understanding/normalise.js';
import { readOrdinal } from '../src/domain/understanding/read-number.js';
import { readYesNo } from '../src/domain/understanding/read-yes-no.js';
import { askToClarify, clarifying, clarifyPrompt, noted, shortList, understandChoice, vocabulary } from './understood.js';

interface ProfileData {
  firstTime?: boolean;
  actor?: string;
  dimension?: number;
  options?: Record<string, string>;
  /** Dialog to open once the profile is complete (the recommendations that asked for it), else the menu. */
  next?: string;
  nextArgs?: Record<string, unknown>;
  /** Places the département answer could mean, asked about. */
  places?: Place[];
}

/** Misses after which a question shows its options as a short list. */
const SHORT_LIST_AFTER = 2;

const data = (ctx: DialogContext) => ctx.data as ProfileData;
const actorOf = (ctx: DialogContext) => ctx.content.actors.find((a) => a.id === data(ctx).actor);
const dimensionOf = (ctx: DialogContext) => actorOf(ctx)?.dimensions[data(ctx).dimension ?? 0];
/** A first profile is kept as it is given, so that one left half-way is resumed, not lost. */
const building = (ctx: DialogContext) => !ctx.user.profile.completedAt;

const actorOptions = (ctx: DialogContext) => ctx.content.actors.map((a) => ({ label: a.label, value: `actor:${a.id}`, synonyms: a.synonyms, id: a.id }));
const dimensionOptions = (ctx: DialogContext) =>
  dimensionOf(ctx)?.options.map((o) => ({ label: o.label, value: `option:${o.id}`, synonyms: o.synonyms, id: o.id })) ?? [];
const buttons = (options: Choice[]): Choice[] => options.map(({ label, value }) => ({ label, value }));

/** The first question of the profile still without an answer. */
function firstOpenStep(ctx: DialogContext): StepResult {
  const actor = actorOf(ctx);
  if (!actor) return { then: { goto: 'actor' } };
  const open = actor.dimensions.findIndex((d) => !(d.id in (data(ctx).options ?? {})));
  if (open >= 0) {
    data(ctx).dimension = open;
    return { then: { goto: 'dimension' } };
  }
  return { then: { goto: 'departement' } };
}

function keepDraft(ctx: DialogContext) {
  if (building(ctx)) ctx.user.profile = { ...ctx.user.profile, actor: data(ctx).actor, options: { ...(data(ctx).options ?? {}) } };
}

function placeChoices(ctx: DialogContext, places: Place[]): Choice[] {
  return [
    ...places.map((p) => ({ label: p.commune && p.commune !== p.departement ? `${p.commune} (${p.code})` : `${p.departement} (${p.code})`, value: `departement:${p.code}` })),
    { label: ctx.content.ui.labels.skipDepartement, value: 'departement:none' },
  ];
}

function finish(ctx: DialogContext, departement: string | undefined, said: ReturnType<typeof message>[]): StepResult {
  const d = data(ctx);
  ctx.user.profile = { actor: d.actor, options: d.options ?? {}, departement, completedAt: ctx.now.toISOString() };
  const labels = profileLabels(ctx.content, ctx.user.profile);
  // What the seeds say of this kind of actor, and its usual entry point into partnerships.
  const actor = actorOf(ctx);
  const about = { description: actor?.description ?? '', entryPoint: actor?.entryPoint ?? null };
  return {
    say: [...said, message(ctx.render('profile/done', { ...labels, ...about, who: labels.who ?? '', departement: departement ?? null, firstTime: d.firstTime ?? false }))],
    then: { switchTo: d.next ?? 'menu', ...(d.nextArgs ? { args: d.nextArgs } : {}) },
  };
}

/**
 * Who the user is: type of actor, the details that matter for it, and the département. Typed
 * answers are understood (synonyms, numbers, typos); a profile is never given up on after wrong
 * answers, since every recommendation depends on it.
 */
export const profileDialog: Dialog = {
  id: 'profile',
  start: (ctx, args) => {
    const d = data(ctx);
    d.firstTime = args.firstTime === true;
    if (typeof args.next === 'string') d.next = args.next;
    if (args.nextArgs && typeof args.nextArgs === 'object') d.nextArgs = args.nextArgs as Record<string, unknown>;
    // A profile left half-way is resumed where it stopped; a complete one is edited from the start.
    d.actor = building(ctx) ? ctx.user.profile.actor : undefined;
    d.options = building(ctx) ? { ...ctx.user.profile.options } : {};
    const before = typeof args.next === 'string' ? [message(ctx.render('profile/before-recommendations'))] : [];
    return { say: before, then: firstOpenStep(ctx).then };
  },
  steps: {
    actor: {
      keepAsking: true,
      prompt: (ctx) => {
        const options = buttons(actorOptions(ctx));
        const pending = clarifying(ctx, 'actor');
        if (pending) return clarifyPrompt(ctx, options.filter((o) => pending.includes(o.value)));
        if ((ctx.attempts ?? 0) >= SHORT_LIST_AFTER) return shortList(ctx, options);
        return [message(ctx.render('profile/ask-actor', { firstTime: data(ctx).firstTime ?? false, actors: ctx.content.actors }), { choices: options })];
      },
      handle: (ctx, input) => {
        const read = understandChoice(ctx, 'actor', input, actorOptions(ctx));
        if (read.kind === 'clarify') return askToClarify(ctx, 'actor', read.options.map((o) => o.value));
        if (read.kind === 'none') return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        const d = data(ctx);
        if (d.actor !== read.option.id) d.options = {};
        d.actor = read.option.id;
        d.dimension = 0;
        keepDraft(ctx);
        return { say: noted(ctx, input, read.option.label), then: firstOpenStep(ctx).then };
      },
    },
    dimension: {
      keepAsking: true,
      prompt: (ctx) => {
        const dimension = dimensionOf(ctx);
        const options = buttons(dimensionOptions(ctx));
        const pending = clarifying(ctx, 'dimension');
        if (pending) return clarifyPrompt(ctx, options.filter((o) => pending.includes(o.value)));
        if ((ctx.attempts ?? 0) >= SHORT_LIST_AFTER) return shortList(ctx, options);
        return [
          message(ctx.render('profile/ask-dimension', { question: dimension?.question ?? '', options: dimension?.options ?? [] }), { choices: options }),
        ];
      },
      handle: (ctx, input) => {
        const dimension = dimensionOf(ctx);
        const read = understandChoice(ctx, 'dimension', input, dimensionOptions(ctx));
        if (read.kind === 'clarify') return askToClarify(ctx, 'dimension', read.options.map((o) => o.value));
        if (!dimension || read.kind === 'none') return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        const d = data(ctx);
        d.options = { ...d.options, [dimension.id]: read.option.id };
        keepDraft(ctx);
        return { say: noted(ctx, input, read.option.label), then: firstOpenStep(ctx).then };
      },
    },
    departement: {
      keepAsking: true,
      prompt: (ctx) => {
        const places = data(ctx).places;
        if (places) return [message(ctx.render('profile/clarify-departement', { places }), { choices: placeChoices(ctx, places) })];
        return [
          message(ctx.render('profile/ask-departement'), {
            choices: [{ label: ctx.content.ui.labels.skipDepartement, value: 'departement:none' }],
          }),
        ];
      },
      handle: (ctx, input) => {
        const d = data(ctx);
        const places = d.places;
        d.places = undefined;
        if (input.value !== undefined) {
          if (input.value === 'departement:none') return finish(ctx, undefined, []);
          const pressed = places?.find((p) => `departement:${p.code}` === input.value);
          return pressed ? finish(ctx, pressed.code, []) : { then: { unrecognised: true } };
        }
        const vocab = vocabulary(ctx);
        const answer = readYesNo(input.text, vocab);
        if (isCommand(input, 'skip', ctx.content.ui.commands.skip) || answer === 'no' || answer === 'dont-know') return finish(ctx, undefined, []);
        if (places) {
          const at = readOrdinal(normalise(input.text, vocab), vocab);
          const picked = at === -1 ? places.at(-1) : at !== undefined ? places[at - 1] : undefined;
          if (picked) return finish(ctx, picked.code, [message(ctx.render('profile/departement-found', { place: picked }))]);
        }
        const read = readDepartement(input.text, ctx.content.territories);
        if (read.kind === 'match') return finish(ctx, read.place.code, [message(ctx.render('profile/departement-found', { place: read.place }))]);
        if (read.kind === 'clarify') {
          d.places = read.places;
          return { then: { goto: 'departement' } };
        }
        return { say: [message(ctx.render('profile/invalid-departement'))], then: { retry: true } };
      },
    },
  },
};
