import { describe, expect, it } from 'vitest';
import { composePrompt } from '../src/domain/jeudis/compose-prompt.js';
import { dueThursday } from '../src/domain/jeudis/due.js';
import { isThirdThursday } from '../src/domain/jeudis/local-time.js';
import { nextPromptAt } from '../src/domain/jeudis/next-prompt.js';
import { pauseUntil } from '../src/domain/jeudis/pause-until.js';
import { themeOfTheWeek } from '../src/domain/jeudis/programme.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { newUserRecord, type JeudisSubscription, type UserRecord } from '../src/domain/user-record.js';
import { RateLimiter } from '../src/services/jeudis/rate-limiter.js';
import { retryAfterMs } from '../src/services/jeudis/send-result.js';
import type { Timer } from '../src/domain/clock.js';
import { CONTENT_DIR, content, plainSpaces } from './helpers/conversation.js';

const render = createTemplateRenderer(CONTENT_DIR);
const sub = (over: Partial<JeudisSubscription> = {}): JeudisSubscription => ({
  active: true,
  hour: 9,
  timeZone: 'Europe/Paris',
  since: '2026-01-01T00:00:00Z',
  suggestedTools: [],
  ...over,
});

function user(over: Partial<UserRecord> = {}): UserRecord {
  return { ...newUserRecord('u1', 'web', new Date('2026-01-01T00:00:00Z')), jeudis: sub(), ...over };
}

describe('when a Thursday prompt is due', () => {
  it('is due on Thursday from the user’s hour in Paris, and not before nor on another day', () => {
    // Thursday 3 December 2026, winter time (UTC+1): 9:00 in Paris is 08:00 UTC.
    expect(dueThursday(sub(), new Date('2026-12-03T07:59:00Z'))).toBeUndefined();
    expect(dueThursday(sub(), new Date('2026-12-03T08:00:00Z'))).toBe('2026-12-03');
    expect(dueThursday(sub(), new Date('2026-12-03T15:30:00Z'))).toBe('2026-12-03');
    expect(dueThursday(sub(), new Date('2026-12-04T08:00:00Z'))).toBeUndefined();
    expect(dueThursday(sub(), new Date('2026-12-02T08:00:00Z'))).toBeUndefined();
  });

  it('keeps 9:00 Paris time across the March and October clock changes', () => {
    // Clocks go forward on Sunday 29 March 2026: Thursday 26 March is UTC+1, 2 April UTC+2.
    expect(dueThursday(sub(), new Date('2026-03-26T07:59:00Z'))).toBeUndefined();
    expect(dueThursday(sub(), new Date('2026-03-26T08:00:00Z'))).toBe('2026-03-26');
    expect(dueThursday(sub(), new Date('2026-04-02T06:59:00Z'))).toBeUndefined();
    expect(dueThursday(sub(), new Date('2026-04-02T07:00:00Z'))).toBe('2026-04-02');
    // Clocks go back on Sunday 25 October 2026: Thursday 22 October is UTC+2, 29 October UTC+1.
    expect(dueThursday(sub(), new Date('2026-10-22T07:00:00Z'))).toBe('2026-10-22');
    expect(dueThursday(sub(), new Date('2026-10-29T07:59:00Z'))).toBeUndefined();
    expect(dueThursday(sub(), new Date('2026-10-29T08:00:00Z'))).toBe('2026-10-29');
    expect(nextPromptAt(sub(), new Date('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-04-02T07:00:00.000Z');
    expect(nextPromptAt(sub(), new Date('2026-10-23T12:00:00Z'))?.toISOString()).toBe('2026-10-29T08:00:00.000Z');
  });

  it('skips a user on a break, an unsubscribed or deactivated user, and one already served today', () => {
    const thursday = new Date('2026-12-03T10:00:00Z');
    expect(dueThursday(sub({ pausedUntil: '2026-12-10' }), thursday)).toBeUndefined();
    expect(dueThursday(sub({ pausedUntil: '2026-12-10' }), new Date('2026-12-10T10:00:00Z'))).toBe('2026-12-10');
    expect(dueThursday(sub({ active: false }), thursday)).toBeUndefined();
    expect(dueThursday(sub({ deactivated: { at: '2026-11-26', reason: '403' } }), thursday)).toBeUndefined();
    expect(dueThursday(sub({ lastPrompt: '2026-12-03' }), thursday)).toBeUndefined();
  });

  it('resumes after a break of N Thursdays counted from the next one still to come', () => {
    // Monday 30 November: the next Thursday is 3 December; 2 weeks off → back on 17 December.
    expect(pauseUntil(sub(), 2, new Date('2026-11-30T10:00:00Z'))).toBe('2026-12-17');
    // On Thursday 3 December after the prompt: 3 December does not count.
    expect(pauseUntil(sub({ lastPrompt: '2026-12-03' }), 1, new Date('2026-12-03T10:00:00Z'))).toBe('2026-12-17');
    expect(nextPromptAt(sub({ pausedUntil: '2026-12-17' }), new Date('2026-11-30T10:00:00Z'))?.toISOString()).toBe('2026-12-17T08:00:00.000Z');
  });
});

describe('the programme', () => {
  it('gives the prospective cycle on socio-economic models on the 3rd Thursday of each month', () => {
    expect(isThirdThursday('2026-12-17')).toBe(true);
    expect(isThirdThursday('2026-12-10')).toBe(false);
    expect(isThirdThursday('2027-01-21')).toBe(true);
    expect(themeOfTheWeek(content.jeudis, '2026-12-17')).toMatchObject({ kind: 'prospective', need: 'modele-socio-economique' });
    const prompt = composePrompt(content, render, user(), '2026-12-17');
    expect(plainSpaces(prompt.message.text)).toMatch(/3e jeudi du mois.*cycle prospectif/);
    expect(plainSpaces(prompt.message.text)).toMatch(/modèles socio-économiques à horizon 2030/);
  });

  it('rotates through every theme on the other Thursdays', () => {
    const seen = new Set<string>();
    for (let week = 0; week < 40; week++) {
      const date = new Date(Date.parse('2026-12-03T12:00:00Z') + week * 7 * 86_400_000).toISOString().slice(0, 10);
      if (!isThirdThursday(date)) seen.add(themeOfTheWeek(content.jeudis, date).id);
    }
    expect([...seen].sort()).toEqual(content.jeudis.themes.map((t) => t.id).sort());
  });
});

describe('the personal prompt', () => {
  const diagnosed = (): UserRecord =>
    user({
      profile: { actor: 'association', options: {}, completedAt: '2026-01-01' },
      diagnosis: {
        answers: Object.fromEntries(content.needs.map((n, i) => [n.id, { level: n.id === 'numerique' ? 1 : i === 0 ? 2 : 3, at: '2026-01-01' }])),
        completedAt: '2026-01-02',
      },
    });

  it('names the weakest need, and the step the user left unfinished', () => {
    const regular = '2026-12-03';
    expect(plainSpaces(composePrompt(content, render, diagnosed(), regular).message.text)).toMatch(/besoin prioritaire est « Accélérer grâce au numérique »/);
    const midStep = { ...diagnosed(), dialogStack: [{ dialog: 'method-model', step: 'choose', data: {}, attempts: 0 }] } as UserRecord;
    expect(plainSpaces(composePrompt(content, render, midStep, regular).message.text)).toMatch(/vous aviez commencé « Étape 2 · Modèle de partenariat »/);
  });

  it('offers 3 buttons: continue, the resource of the week, pause', () => {
    const prompt = composePrompt(content, render, diagnosed(), '2026-12-03');
    expect(prompt.message.choices.map((c) => c.value)).toEqual(['cmd:jeudisContinue', 'cmd:jeudisResource', 'cmd:jeudisPause']);
    expect(prompt.message.cards).toHaveLength(1);
    expect(prompt.message.cards[0]!.title).toBe(content.tools.find((t) => t.id === prompt.resource)!.title);
  });

  it('does not give again a resource given on an earlier Thursday', () => {
    const first = composePrompt(content, render, diagnosed(), '2026-12-03');
    const again = diagnosed();
    again.jeudis!.suggestedTools = [first.resource!];
    expect(composePrompt(content, render, again, '2026-12-03').resource).not.toBe(first.resource);
  });
});

describe('the politeness of a broadcast, on the injected clock and timer', () => {
  it('counts a Retry-After given as a date from the clock it is given, not from the machine', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    expect(retryAfterMs('Thu, 03 Dec 2026 08:00:12 GMT', now)).toBe(12_000);
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Thu, 03 Dec 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('paces sends on the timer: a rate limiter waits for tokens and for a pause, however the day is held', async () => {
    let at = 0;
    const waits: number[] = [];
    // Time moves only when the limiter waits.
    const timer: Timer = {
      elapsedMs: () => at,
      sleep: async (ms) => {
        waits.push(ms);
        at += ms;
      },
    };
    const limiter = new RateLimiter(2, timer);
    await limiter.take();
    await limiter.take();
    await limiter.take();
    expect(waits).toEqual([500]);
    limiter.pause(3000);
    await limiter.take();
    expect(waits).toEqual([500, 3000]);
  });
});
