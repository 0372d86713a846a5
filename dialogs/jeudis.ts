import type { Dialog, DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed, readButtonValue } from '../src/domain/button-values.js';
import { matchChoice } from '../src/domain/diagnosis/match-answer.js';
import { frenchDate, frenchDateTime } from '../src/domain/jeudis/format-date.js';
import { localTime } from '../src/domain/jeudis/local-time.js';
import { nextPromptAt } from '../src/domain/jeudis/next-prompt.js';
import { pauseUntil, pauseUntilRentree } from '../src/domain/jeudis/pause-until.js';
import { stopJeudis } from '../src/domain/jeudis/stop.js';
import { message, type Card, type Choice, type OutMessage } from '../src/domain/out-message.js';
import { fold } from '../src/text/fold.js';
import { readHour } from '../src/domain/understanding/read-hour.js';
import { yesNoStep } from './yes-no-step.js';

const nextLabel = (ctx: DialogContext): string => {
  const sub = ctx.user.jeudis;
  const next = sub ? nextPromptAt(sub, ctx.now) : undefined;
  return next && sub ? frenchDateTime(next, sub.timeZone) : '';
};

/** The break's end date when the user is on a break now. */
const pausedUntil = (ctx: DialogContext): string | undefined => {
  const sub = ctx.user.jeudis;
  return sub?.pausedUntil && sub.pausedUntil > localTime(ctx.now, sub.timeZone).date ? sub.pausedUntil : undefined;
};

const subscribed = (ctx: DialogContext) => ctx.user.jeudis?.active === true && !ctx.user.jeudis.deactivated;

function hourChoices(ctx: DialogContext): Choice[] {
  return ctx.content.jeudis.hours.map((hour) => ({ label: ctx.render('jeudis/hour-label', { hour }), value: buttonValue({ kind: 'hour', hour }) }));
}

/** An hour's button, or an hour typed in figures or words (« 9h », « à midi », « 5 h du soir »). */
function hourOf(ctx: DialogContext, input: { value?: string; text: string }): number | undefined {
  if (input.value !== undefined) return pressed(input, 'hour')?.hour;
  return readHour(input.text, ctx.content.ui.understanding);
}

/** How the prompt reaches this user: their Teams chat, or the web page (its inbox, the calendar, notifications). */
function delivery(ctx: DialogContext) {
  const web = ctx.user.channel === 'web';
  return { channel: web ? 'web' : 'teams', calendar: web && ctx.services.calendarUrl(ctx.user) !== undefined, push: web && ctx.services.webPush };
}

/** The calendar feed's card (web chat): its address to paste into a calendar, and to copy. */
function calendarCards(ctx: DialogContext): Card[] {
  const url = ctx.user.channel === 'web' ? ctx.services.calendarUrl(ctx.user) : undefined;
  if (!url) return [];
  const { labels } = ctx.content.ui;
  return [{ title: labels.jeudisCalendar, text: ctx.render('jeudis/calendar-card'), url, linkLabel: labels.jeudisCalendarLink, copy: url }];
}

/** The message that says what the subscription now is: when, and how the prompt will reach the user. */
function subscribedMessage(ctx: DialogContext, hour: number): OutMessage {
  return message(ctx.render('jeudis/subscribed', { hour, next: nextLabel(ctx), ...delivery(ctx) }), { cards: calendarCards(ctx) });
}

/** The break buttons: the weeks of `jeudis.json`, then « jusqu'à la rentrée » with its date. */
function pauseChoices(ctx: DialogContext): Choice[] {
  const sub = ctx.user.jeudis;
  const rentree = sub ? frenchDate(pauseUntilRentree(sub, ctx.content.jeudis.rentree.month, ctx.now)) : '';
  return [
    ...ctx.content.jeudis.pauseWeeks.map((weeks) => ({ label: ctx.render('jeudis/weeks-label', { weeks }), value: buttonValue({ kind: 'weeks', weeks }) })),
    { label: ctx.render('jeudis/rentree-label', { date: rentree }), value: buttonValue({ kind: 'weeks', weeks: 'rentree' }) },
  ];
}

/** A break pressed or typed: 1 to 12 weeks (« 3 », « 3 semaines »), or until the rentrée (« jusqu'à la rentrée »). */
function breakOf(ctx: DialogContext, input: { value?: string; text: string }): number | 'rentree' | undefined {
  if (input.value !== undefined) return pressed(input, 'weeks')?.weeks;
  const typed = fold(input.text);
  if (ctx.content.jeudis.rentree.words.some((w) => fold(w) === typed)) return 'rentree';
  const weeks = Number(/^(\d{1,2})(?:\s*semaines?)?$/.exec(typed)?.[1]);
  return Number.isInteger(weeks) && weeks >= 1 && weeks <= 12 ? weeks : undefined;
}

function manageChoices(ctx: DialogContext): Choice[] {
  const { labels } = ctx.content.ui;
  const paused = pausedUntil(ctx) !== undefined;
  return [
    { label: labels.jeudisChangeHour, value: buttonValue({ kind: 'jeudis', action: 'hour' }) },
    paused
      ? { label: labels.jeudisResumeNow, value: buttonValue({ kind: 'jeudis', action: 'resume' }) }
      : { label: labels.jeudisPauseFor, value: buttonValue({ kind: 'jeudis', action: 'pause' }) },
    { label: labels.jeudisUnsubscribe, value: buttonValue({ kind: 'jeudis', action: 'stop' }) },
    { label: labels.menu, value: buttonValue({ kind: 'command', command: 'menu' }) },
  ];
}

/**
 * The weekly « Jeudis de l'ODD 17 » rendez-vous: what it is, subscribing at the hour of one's
 * choice, pausing for some weeks, resuming, changing the hour, unsubscribing.
 */
export const jeudisDialog: Dialog = {
  id: 'jeudis',
  start: (ctx, args) => {
    if (!subscribed(ctx)) return { then: { goto: 'offer' } };
    return { then: { goto: args.pause === true ? 'pause' : 'manage' } };
  },
  steps: {
    offer: yesNoStep({
      question: (ctx) => ctx.render('jeudis/offer', { description: ctx.content.knowledge.jeudis.description }),
      yes: {
        label: (ctx) => ctx.content.ui.labels.jeudisSubscribe,
        value: { kind: 'jeudis', action: 'subscribe' },
        then: (ctx) =>
          ctx.services.canWriteFirst(ctx.user)
            ? { then: { goto: 'hour' } }
            : { say: [message(ctx.render('jeudis/need-personal-chat'))], then: { end: true } },
      },
      no: {
        label: (ctx) => ctx.content.ui.labels.notNow,
        value: { kind: 'jeudis', action: 'no' },
        then: (ctx) => ({ say: [message(ctx.render('jeudis/not-now'))], then: { end: true } }),
      },
    }),
    hour: {
      prompt: (ctx) => [
        message(ctx.render('jeudis/ask-hour', { defaultHour: ctx.content.jeudis.defaultHour }), {
          choices: hourChoices(ctx),
        }),
      ],
      handle: (ctx, input): StepResult => {
        const hour = hourOf(ctx, input);
        if (hour === undefined && input.value !== undefined) return { then: { unrecognised: true } };
        if (hour === undefined) return { say: [message(ctx.render('jeudis/hour-invalid'))], then: { retry: true } };
        const previous = ctx.user.jeudis;
        ctx.user.jeudis = {
          active: true,
          hour,
          timeZone: previous?.timeZone ?? ctx.content.jeudis.timeZone,
          since: previous?.active ? previous.since : ctx.now.toISOString(),
          pausedUntil: previous?.active ? previous.pausedUntil : undefined,
          lastPrompt: previous?.lastPrompt,
          lastResource: previous?.lastResource,
          suggestedTools: previous?.suggestedTools ?? [],
          // A new hour keeps the browsers to notify and the calendar link; a new subscription starts afresh.
          push: previous?.active ? previous.push : undefined,
          round: previous?.active ? previous.round : (previous?.round ?? 0) + 1,
        };
        return { say: [subscribedMessage(ctx, hour)], then: { end: true } };
      },
    },
    manage: {
      prompt: (ctx) => {
        const until = pausedUntil(ctx);
        return [
          message(ctx.render('jeudis/status', { hour: ctx.user.jeudis?.hour, pausedUntil: until ? frenchDate(until) : null, next: nextLabel(ctx), ...delivery(ctx) }), {
            choices: manageChoices(ctx),
            cards: calendarCards(ctx),
          }),
        ];
      },
      handle: (ctx, input): StepResult => {
        const choice = matchChoice(input, manageChoices(ctx), { numbered: true });
        const read = choice && readButtonValue(choice.value);
        const sub = ctx.user.jeudis;
        switch (read?.kind === 'jeudis' ? read.action : undefined) {
          case 'hour':
            return { then: { goto: 'hour' } };
          case 'pause':
            return { then: { goto: 'pause' } };
          case 'resume':
            if (sub) sub.pausedUntil = undefined;
            return { say: [message(ctx.render('jeudis/resumed', { next: nextLabel(ctx) }))], then: { end: true } };
          case 'stop':
            if (sub) stopJeudis(sub);
            return { say: [message(ctx.render('jeudis/stopped'))], then: { end: true } };
          default:
            return { then: { unrecognised: true } };
        }
      },
    },
    pause: {
      prompt: (ctx) => [message(ctx.render('jeudis/ask-pause'), { choices: pauseChoices(ctx) })],
      handle: (ctx, input): StepResult => {
        const chosen = breakOf(ctx, input);
        const sub = ctx.user.jeudis;
        if (!sub || chosen === undefined) return { say: [message(ctx.render('jeudis/pause-invalid'))], then: { retry: true } };
        sub.pausedUntil = chosen === 'rentree' ? pauseUntilRentree(sub, ctx.content.jeudis.rentree.month, ctx.now) : pauseUntil(sub, chosen, ctx.now);
        const weeks = chosen === 'rentree' ? null : chosen;
        return { say: [message(ctx.render('jeudis/paused', { weeks, until: frenchDate(sub.pausedUntil), next: nextLabel(ctx) }))], then: { end: true } };
      },
    },
  },
};
