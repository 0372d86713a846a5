import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_NOW } from './helpers/clock.js';
import { allText, content, Conversation } from './helpers/conversation.js';
import { flows, playSteps, profile, useConversations, type Step } from './helpers/conversation-table.js';
import { tempDir } from './helpers/temp-dir.js';

const chat = useConversations();
const { labels } = content.ui;

/** A user who has just made their profile, on TEST_NOW (Tuesday 1 December 2026) unless `now` says another day. */
async function onboarded(now?: Date, dir = chat.dir) {
  const c = await Conversation.open(dir, { now });
  await playSteps(c, profile.association());
  return c;
}

/** Subscribes from the menu at this hour. */
const subscribed = (hour = '10 h'): Step[] => [{ say: 'menu' }, { press: labels.jeudis }, { press: labels.jeudisSubscribe }, { press: hour }];

/** Subscribes at this hour; what the bot answers to the hour. */
async function subscribe(c: Conversation, hour = '10 h') {
  await playSteps(c, subscribed(hour).slice(0, -1));
  return c.press(hour);
}

describe('subscribing to « Les Jeudis de l’ODD 17 »', () => {
  it.each(
    flows({
      'explains the Jeudis from the menu, then subscribes at the chosen hour and says when the first message comes': {
        as: profile.association(),
        steps: [
          { say: 'menu' },
          { press: labels.jeudis, reply: [/animation hebdomadaire des «\sJeudis de l'ODD 17\s»/, /3e jeudi du mois/] },
          { press: labels.jeudisSubscribe, buttons: content.jeudis.hours.map((h) => `${h} h`) },
          // TEST_NOW is Tuesday 1 December: the first Thursday is two days later, whatever day the tests run.
          {
            press: '10 h',
            reply: "C'est noté : rendez-vous chaque jeudi à 10 h. Premier message jeudi 3 décembre à 10 h.",
            stores: { jeudis: { active: true, hour: 10, timeZone: 'Europe/Paris' } },
          },
        ],
      },
      'reads a typed hour and asks again for one it cannot read': {
        as: profile.association(),
        steps: [{ say: 'jeudis' }, { press: labels.jeudisSubscribe }, { say: '25h', reply: /pas reconnu l'heure/ }, { say: '14h', stores: { jeudis: { hour: 14 } } }],
      },
      'stops with « stop jeudis » in the middle of the diagnosis, and the question waits': {
        as: [...profile.association(), ...subscribed()],
        steps: [
          { say: 'diagnostic' },
          { say: 'stop jeudis', reply: [/ne recevrez plus mes rendez-vous du jeudi/, 'Besoin 1/7'], stores: (user) => expect(user.jeudis?.active).toBe(false) },
          { say: 'stop jeudis', reply: /pas inscrit/ },
        ],
      },
      'pauses for the chosen number of weeks with « je suis en congés », then resumes on demand': {
        as: [...profile.association(), ...subscribed()],
        steps: [
          { say: 'je suis en congés' },
          // Thursdays 3 and 10 December skipped.
          { press: '2 semaines', reply: /pas de message pendant 2 semaines\. Prochain rendez-vous : jeudi 17 décembre/, stores: { jeudis: { pausedUntil: '2026-12-17' } } },
          { say: 'jeudis', asks: /En pause jusqu'au jeudi 17 décembre/ },
          { press: labels.jeudisResumeNow, reply: /rendez-vous du jeudi reprennent/, stores: (user) => expect(user.jeudis?.pausedUntil).toBeUndefined() },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));

  it('is offered at the end of the diagnosis', async () => {
    const c = await onboarded();
    await c.say('diagnostic');
    for (let i = 0; i < content.needs.length; i++) await c.press(/^3 ·/);
    expect(c.choices().map((x) => x.label)).toContain(labels.jeudis);
    expect(allText(c.transcript.slice(-2))).toMatch(/rendez-vous inspiré des « Jeudis de l'ODD/);
  });

});

describe('the buttons of a Thursday prompt', () => {
  it('« La ressource de la semaine » shows the tool with the reason it was chosen', async () => {
    const c = await onboarded();
    await subscribe(c);
    const record = c.user()!;
    const tool = content.tools.find((t) => t.needs.includes('numerique') && t.url)!;
    record.jeudis!.lastResource = tool.id;
    c.store.put(record);
    const replies = await c.say(labels.jeudisResource, 'cmd:jeudisResource');
    const card = replies.flatMap((m) => m.cards)[0];
    expect(card?.title).toBe(tool.title);
    expect(card?.url).toBe(tool.url);
    // Without a diagnosis the reason cannot name a need: the tool's profile fit, or what it is, in one line.
    expect(card?.text).not.toMatch(/aide sur \.|«\s*»/);
    expect(card?.text === tool.summary || /Vous êtes une association/.test(card?.text ?? '')).toBe(true);
  });

  it('« Reprendre où j’en étais » resumes the dialog under way, or starts the next step of the journey', async () => {
    const c = await onboarded();
    await subscribe(c);
    expect(allText(await c.say(labels.jeudisContinue, 'cmd:jeudisContinue'))).toContain('Besoin 1/7');
    await c.press(/^3 ·/);
    expect(allText(await c.say(labels.jeudisContinue, 'cmd:jeudisContinue'))).toContain('Besoin 2/7');
  });
});

describe('a prompt delivered while the user was away (web chat)', () => {
  it('is shown once at the next visit, under « Pendant votre absence »', async () => {
    const c = await onboarded();
    const record = c.user()!;
    record.inbox.push({ key: 'jeudis:2026-12-03', text: "**C'est jeudi : les Jeudis de l'ODD 17 !**", choices: [{ label: 'Pause', value: 'cmd:jeudisPause' }], cards: [] });
    c.store.put(record);
    const visit = await c.connect();
    expect(allText(visit)).toMatch(/Pendant votre absence, je vous ai écrit :\n---\n\*\*C'est jeudi/);
    expect(c.user()!.inbox).toEqual([]);
    expect(allText(await c.connect())).not.toMatch(/Pendant votre absence/);
  });
});

describe('the day the tests run', () => {
  afterEach(() => vi.useRealTimers());

  // Machine dates whose next Thursday falls in « août », « février », « juillet » or « décembre ».
  it.each(['2027-08-03T10:00:00Z', '2027-02-02T10:00:00Z', '2026-07-28T10:00:00Z', '2030-12-24T10:00:00Z'])(
    'changes nothing: on a machine dated %s the conversation still lives on TEST_NOW',
    async (machineDate) => {
      vi.setSystemTime(new Date(machineDate));
      expect(new Date().toISOString()).toBe(new Date(machineDate).toISOString());
      const c = await onboarded();
      const sinceTestNow = Date.parse(c.user()!.createdAt) - TEST_NOW.getTime();
      expect(sinceTestNow).toBeGreaterThanOrEqual(0);
      expect(sinceTestNow).toBeLessThan(60_000);
      const done = await subscribe(c);
      expect(allText(done)).toContain('Premier message jeudi 3 décembre à 10 h.');
    },
  );

  it('names the months `\\w` cannot match when a test sets its own day (« août », « février »)', async () => {
    const august = await onboarded(new Date('2027-08-03T09:00:00+02:00'));
    expect(allText(await subscribe(august))).toContain('Premier message jeudi 5 août à 10 h.');
    // Another user on another day: another data directory.
    const other = tempDir();
    try {
      const february = await onboarded(new Date('2027-02-02T09:00:00+01:00'), other.dir);
      expect(allText(await subscribe(february))).toContain('Premier message jeudi 4 février à 10 h.');
    } finally {
      other.cleanup();
    }
  });
});
