import type { Dialog, DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { carreMagique, commonGround } from '../src/domain/method/carre-magique.js';
import { formatCode } from '../src/domain/pairing.js';
import { buttonValue, readButtonValue } from '../src/domain/button-values.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { shareView } from './method-shared.js';
import { frenchDate } from '../src/domain/french-date.js';

const startChoices = (ctx: DialogContext): Choice[] => {
  const { labels } = ctx.content.ui;
  return [
    { label: labels.pairingInvite, value: buttonValue({ kind: 'pairing', action: 'invite' }) },
    { label: labels.pairingJoin, value: buttonValue({ kind: 'pairing', action: 'join' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
};

const pairedChoices = (ctx: DialogContext): Choice[] => {
  const { labels } = ctx.content.ui;
  return [
    { label: labels.pairingCancel, value: buttonValue({ kind: 'pairing', action: 'cancel' }) },
    { label: labels.report, value: buttonValue({ kind: 'command', command: 'report' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
};

/** The pairing button chosen (pressed, or its label or number typed), if one was. */
function pairingAction(choice: Choice | undefined) {
  const read = choice && readButtonValue(choice.value);
  return read?.kind === 'pairing' ? read.action : undefined;
}

/**
 * What pairing shows of the partner: their type of organisation and the blend of their
 * objectives, never their profile details, diagnosis or other answers.
 */
function commonGroundView(ctx: DialogContext) {
  const partnerId = ctx.services.pairing.partnerOf(ctx.user.id);
  const partner = partnerId ? ctx.services.peek(partnerId) : undefined;
  const objectives = ctx.content.method.objectives;
  const mine = ctx.user.method.objectives ? carreMagique(objectives, ctx.user.method.objectives.weights) : undefined;
  const theirs = partner?.method.objectives ? carreMagique(objectives, partner.method.objectives.weights) : undefined;
  const category = (id: string) => ctx.content.method.categories.find((c) => c.id === id)!.label;
  const ground = mine && theirs ? commonGround(mine, theirs) : undefined;
  return {
    partnerActor: partner ? (profileLabels(ctx.content, { actor: partner.profile.actor, options: {} }).actorLabel ?? null) : null,
    mine: mine ? shareView(ctx.content, mine) : null,
    theirs: theirs ? shareView(ctx.content, theirs) : null,
    rows: ground?.categories.map((c) => ({ category: category(c.category), mine: Math.round(c.mine * 100), theirs: Math.round(c.theirs * 100) })) ?? [],
    shared: ground ? category(ground.sharedCategory) : null,
    sameLeader: ground?.sameLeader ?? false,
    converge: ground?.converge.map(category) ?? [],
    diverge: ground?.diverge.map(category) ?? [],
  };
}

/**
 * Joins the pairing of the code in `text`; a refused code is said, then the code is asked again
 * (an invalid answer of the code step, or the step itself when the code came with « j'ai un code »).
 */
function redeem(ctx: DialogContext, text: string, atStep = false): StepResult {
  const result = ctx.services.pairing.redeem(text, ctx.user.id, ctx.now);
  if (!result.ok) return { say: [message(ctx.render('pairing/code-refused', { reason: result.reason }))], then: atStep ? { retry: true } : { goto: 'code' } };
  const done = Boolean(ctx.user.method.objectives);
  return {
    say: [message(ctx.render('pairing/joined', { objectivesDone: done }))],
    then: done ? { goto: 'paired' } : { switchTo: 'method-objectives' },
  };
}

/** Pairing with a partner: invite with a code or join with one, then compare objectives. */
export const pairingDialog: Dialog = {
  id: 'pairing',
  start: (ctx, args) => {
    if (ctx.services.pairing.active(ctx.user.id)) return { then: { goto: 'paired' } };
    // « j'ai un code », with the code when it was typed after the words (the invitation's link).
    if (typeof args.code === 'string') return redeem(ctx, args.code);
    return { then: { goto: args.join === true ? 'code' : 'choose' } };
  },
  steps: {
    choose: {
      prompt: (ctx) => [message(ctx.render('pairing/intro'), { choices: startChoices(ctx) })],
      handle: (ctx, input) => {
        const choice = matchChoice(input, startChoices(ctx), { numbered: true });
        const action = pairingAction(choice);
        if (action === 'invite') {
          const { code, expiresAt } = ctx.services.pairing.createInvite(ctx.user.id, ctx.now);
          const vars = {
            code: formatCode(code),
            expires: frenchDate(expiresAt, 'Europe/Paris', { year: true }),
            objectivesDone: Boolean(ctx.user.method.objectives),
            // The web chat opened on the code: the page sends « j'ai un code ABCD-2345 ».
            link: ctx.services.chatUrl({ code: formatCode(code) }),
          };
          const { labels } = ctx.content.ui;
          const card = {
            title: labels.pairingInvitation,
            text: ctx.render('pairing/invite-card', vars),
            url: vars.link,
            linkLabel: labels.pairingInvitationLink,
            copy: ctx.render('pairing/invite-copy', vars),
          };
          return {
            say: [message(ctx.render('pairing/invite', vars), { cards: [card] })],
            then: { switchTo: 'menu' },
          };
        }
        if (action === 'join') return { then: { goto: 'code' } };
        return { then: { unrecognised: true } };
      },
    },
    code: {
      prompt: (ctx) => [message(ctx.render('pairing/ask-code'), { choices: [{ label: ctx.content.ui.labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) }] })],
      handle: (ctx, input) => redeem(ctx, input.text, true),
    },
    paired: {
      prompt: (ctx) => [message(ctx.render('pairing/common-ground', commonGroundView(ctx)), { choices: pairedChoices(ctx) })],
      handle: (ctx, input) => {
        if (pairingAction(matchChoice(input, pairedChoices(ctx))) === 'cancel') {
          ctx.services.pairing.cancel(ctx.user.id, ctx.now);
          return { say: [message(ctx.render('pairing/cancelled'))], then: { switchTo: 'menu' } };
        }
        return { then: { unrecognised: true } };
      },
    },
  },
};

