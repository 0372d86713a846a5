import { z } from 'zod';
import type { Dialog, DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import { DialogId, StoredDialogId } from '../src/domain/dialog-ids.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { Place, readDepartement } from '../src/domain/understanding/departements.js';
import { normalise } from '../src/domain/understanding/normalise.js';
import { readOrdinal } from '../src/domain/understanding/read-number.js';
import { readYesNo } from '../src/domain/understanding/read-yes-no.js';
import { askToClarify, clarifying, ClarifyingData, clarifyPrompt, noted, shortList, understandChoice, vocabulary } from './understood.js';

const ProfileData = ClarifyingData.extend({
  /** The profile of a new user (the welcome opened it). */
  firstTime: z.boolean().default(false),
  /** The answers so far: the type of actor, and its options by dimension. */
  actor: z.string().optional(),
  options: z.record(z.string(), z.string()).optional(),
  /** The dimension of the actor asked about, by its position in `actors.json`. */
  dimension: z.number().int().min(0).default(0),
  /** Dialog to open once the profile is complete (the recommendations that asked for it), else the menu. */
  next: StoredDialogId.optional(),
  nextArgs: z.record(z.string(), z.unknown()).optional(),
  /** Places the département answer could mean, asked about. */
  places: z.array(Place).optional(),
});
type ProfileData = z.infer<typeof ProfileData>;
type Context = DialogContext<ProfileData>;

/** The button of a user who gives no département. */
const NO_DEPARTEMENT = buttonValue({ kind: 'departement', code: 'none' });

/** Misses after which a question shows its options as a short list. */
const SHORT_LIST_AFTER = 2;

const actorOf = (ctx: Context) => ctx.content.actors.find((a) => a.id === ctx.data.actor);
const dimensionOf = (ctx: Context) => actorOf(ctx)?.dimensions[ctx.data.dimension];
/** A first profile is kept as it is given, so that one left half-way is resumed, not lost. */
const building = (ctx: Context) => !ctx.user.profile.completedAt;

const actorOptions = (ctx: Context) =>
  ctx.content.actors.map((a) => ({ label: a.label, value: buttonValue({ kind: 'actor', actor: a.id }), synonyms: a.synonyms, id: a.id }));
const dimensionOptions = (ctx: Context) =>
  dimensionOf(ctx)?.options.map((o) => ({ label: o.label, value: buttonValue({ kind: 'actor-option', option: o.id }), synonyms: o.synonyms, id: o.id })) ?? [];
const buttons = (options: Choice[]): Choice[] => options.map(({ label, value }) => ({ label, value }));

/** The first question of the profile still without an answer. */
function firstOpenStep(ctx: Context): StepResult {
  const actor = actorOf(ctx);
  if (!actor) return { then: { goto: 'actor' } };
  const open = actor.dimensions.findIndex((d) => !(d.id in (ctx.data.options ?? {})));
  if (open >= 0) {
    ctx.data.dimension = open;
    return { then: { goto: 'dimension' } };
  }
  return { then: { goto: 'departement' } };
}

function keepDraft(ctx: Context) {
  if (building(ctx)) ctx.user.profile = { ...ctx.user.profile, actor: ctx.data.actor, options: { ...(ctx.data.options ?? {}) } };
}

function placeChoices(ctx: Context, places: Place[]): Choice[] {
  return [
    ...places.map((p) => ({
      label: p.commune && p.commune !== p.departement ? `${p.commune} (${p.code})` : `${p.departement} (${p.code})`,
      value: buttonValue({ kind: 'departement', code: p.code }),
    })),
    { label: ctx.content.ui.labels.skipDepartement, value: NO_DEPARTEMENT },
  ];
}

function finish(ctx: Context, departement: string | undefined, said: ReturnType<typeof message>[]): StepResult {
  const d = ctx.data;
  ctx.user.profile = { actor: d.actor, options: d.options ?? {}, departement, completedAt: ctx.now.toISOString() };
  const labels = profileLabels(ctx.content, ctx.user.profile);
  // What the seeds say of this kind of actor, and its usual entry point into partnerships.
  const actor = actorOf(ctx);
  const about = { description: actor?.description ?? '', entryPoint: actor?.entryPoint ?? null };
  return {
    say: [...said, message(ctx.render('profile/done', { ...labels, ...about, who: labels.who ?? '', departement: departement ?? null, firstTime: d.firstTime }))],
    then: { switchTo: d.next ?? 'menu', ...(d.nextArgs ? { args: d.nextArgs } : {}) },
  };
}

/**
 * Who the user is: type of actor, the details that matter for it, and the département. Typed
 * answers are understood (synonyms, numbers, typos); a profile is never given up on after wrong
 * answers, since every recommendation depends on it.
 */
export const profileDialog: Dialog<ProfileData> = {
  id: 'profile',
  data: ProfileData,
  start: (ctx, args) => {
    const d = ctx.data;
    d.firstTime = args.firstTime === true;
    const next = DialogId.safeParse(args.next);
    if (next.success) d.next = next.data;
    if (args.nextArgs && typeof args.nextArgs === 'object') d.nextArgs = args.nextArgs as Record<string, unknown>;
    // A profile left half-way is resumed where it stopped; a complete one is edited from the start.
    d.actor = building(ctx) ? ctx.user.profile.actor : undefined;
    d.options = building(ctx) ? { ...ctx.user.profile.options } : {};
    const before = next.success ? [message(ctx.render('profile/before-recommendations'))] : [];
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
        return [message(ctx.render('profile/ask-actor', { firstTime: ctx.data.firstTime, actors: ctx.content.actors }), { choices: options })];
      },
      handle: (ctx, input) => {
        const read = understandChoice(ctx, 'actor', input, actorOptions(ctx));
        if (read.kind === 'clarify') return askToClarify(ctx, 'actor', read.options.map((o) => o.value));
        if (read.kind === 'none') return { say: [message(ctx.render('profile/invalid-choice'))], then: { retry: true } };
        const d = ctx.data;
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
        const d = ctx.data;
        d.options = { ...d.options, [dimension.id]: read.option.id };
        keepDraft(ctx);
        return { say: noted(ctx, input, read.option.label), then: firstOpenStep(ctx).then };
      },
    },
    departement: {
      keepAsking: true,
      prompt: (ctx) => {
        const places = ctx.data.places;
        if (places) return [message(ctx.render('profile/clarify-departement', { places }), { choices: placeChoices(ctx, places) })];
        return [
          message(ctx.render('profile/ask-departement'), {
            choices: [{ label: ctx.content.ui.labels.skipDepartement, value: NO_DEPARTEMENT }],
          }),
        ];
      },
      handle: (ctx, input) => {
        const d = ctx.data;
        const places = d.places;
        d.places = undefined;
        if (input.value !== undefined) {
          const code = pressed(input, 'departement')?.code;
          if (code === 'none') return finish(ctx, undefined, []);
          const place = places?.find((p) => p.code === code);
          return place ? finish(ctx, place.code, []) : { then: { unrecognised: true } };
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
