import type { Dialog, DialogContext } from '../src/conversation/dialog-types.js';
import { profileLabels } from '../src/domain/profile-labels.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { carreMagique, commonGround } from '../src/domain/method/carre-magique.js';
import { formatCode } from '../src/domain/pairing.js';
import { buttonValue, readButtonValue } from '../src/domain/button-values.js';
import { message, type Choice } from '../src/domain/out-message.js';
import { shareView } from './method-shared.js';

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

/** Pairing with a partner: invite with a code or join with one, then compare objectives. */
export const pairingDialog: Dialog = {
  id: 'pairing',
  start: (ctx) => ({ then: { goto: ctx.services.pairing.active(ctx.user.id) ? 'paired' : 'choose' } }),
  steps: {
    choose: {
      prompt: (ctx) => [message(ctx.render('pairing/intro'), { choices: startChoices(ctx) })],
      handle: (ctx, input) => {
        const choice = matchChoice(input, startChoices(ctx), { numbered: true });
        const action = pairingAction(choice);
        if (action === 'invite') {
          const { code, expiresAt } = ctx.services.pairing.createInvite(ctx.user.id, ctx.now);
          return {
            say: [
              message(
                ctx.render('pairing/invite', {
                  code: formatCode(code),
                  expires: expiresAt.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }),
                  objectivesDone: Boolean(ctx.user.method.objectives),
                }),
              ),
            ],
            then: { switchTo: 'menu' },
          };
        }
        if (action === 'join') return { then: { goto: 'code' } };
        return { then: { unrecognised: true } };
      },
    },
    code: {
      prompt: (ctx) => [message(ctx.render('pairing/ask-code'), { choices: [{ label: ctx.content.ui.labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) }] })],
      handle: (ctx, input) => {
        const result = ctx.services.pairing.redeem(input.text, ctx.user.id, ctx.now);
        if (!result.ok) return { say: [message(ctx.render('pairing/code-refused', { reason: result.reason }))], then: { retry: true } };
        const done = Boolean(ctx.user.method.objectives);
        return {
          say: [message(ctx.render('pairing/joined', { objectivesDone: done }))],
          then: done ? { goto: 'paired' } : { switchTo: 'method-objectives' },
        };
      },
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

