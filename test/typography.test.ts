import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composePrompt } from '../src/domain/jeudis/compose-prompt.js';
import { createPageRenderer } from '../src/infra/templates/render-page.js';
import { createTemplateRenderer, type RenderTemplate } from '../src/infra/templates/render-template.js';
import { reportView } from '../src/domain/report/report-view.js';
import { TEST_NOW } from './helpers/clock.js';
import { CONTENT_DIR, content, Conversation } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';
import { exportUserData } from '../src/services/privacy/user-data.js';
import { userDataView } from '../src/services/privacy/user-data-view.js';
import { frenchDate } from '../src/domain/french-date.js';
import { seededRandom as random } from './helpers/seeded-random.js';

/**
 * Every template, rendered with real data, follows French typography on every surface. The data
 * comes from conversations a seeded walker has with the bot (pressing buttons, typing answers,
 * commands and questions), plus explicit samples for what no conversation reaches; the test fails
 * if a template was rendered by neither.
 */

const TEMPLATES = path.join(CONTENT_DIR, 'templates');
const rendered = new Map<string, string[]>();
const base = createTemplateRenderer(CONTENT_DIR);
const recording: RenderTemplate = (name, vars) => {
  const out = base(name, vars);
  if (!rendered.has(name)) rendered.set(name, []);
  const list = rendered.get(name)!;
  if (list.length < 20) list.push(out);
  return out;
};

function allTemplates(dir = TEMPLATES, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allTemplates(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.njk') ? [`${prefix}${e.name.slice(0, -4)}`] : [],
  );
}


const TYPED = [
  '2', 'oui', 'non', 'je ne sais pas', 'patate', '', 'x'.repeat(3000), '69', 'Lyon', 'Saint-Denis', '9', '14h', 'plutôt', "c'est quoi un PTCE ?",
  'mairie', 'PME', 'le deuxième', 'prioritaire', 'on veut co-construire un service avec une entreprise', 'ABCD-EFGH', 'x'.repeat(600),
];
const COMMANDS = Object.values(content.ui.commands).map((words) => words[0]!);

async function walk(dir: string, seed: number, steps: number): Promise<Conversation> {
  const next = random(seed);
  const c = await Conversation.open(dir, { render: recording, userId: `walker-${seed}` });
  await c.connect();
  for (let i = 0; i < steps; i++) {
    const choices = c.choices();
    const r = next();
    if (choices.length > 0 && r < 0.7) await c.press(choices[Math.floor(next() * choices.length)]!.label);
    else if (r < 0.85) await c.say(TYPED[Math.floor(next() * TYPED.length)]!);
    else await c.say(COMMANDS[Math.floor(next() * COMMANDS.length)]!);
  }
  return c;
}

/** The typography rules, on text as users read it (markdown from messages, or a page's text). */
function typographyProblems(text: string): string[] {
  const prose = text.replace(/\]\([^)]*\)|https?:\/\/\S+|www\.\S+/g, ' ');
  const rules: Array<[RegExp, string]> = [
    [/ [:;?!%»]/, 'espace ordinaire avant : ; ? ! % »'],
    [/« /, 'espace ordinaire après «'],
    [/\b\d{1,3} \d{3}\b/, 'espace ordinaire entre les milliers'],
    [/\b\d{1,2} h\b/, 'espace ordinaire dans une heure'],
    [/\b\d+(?:ème|eme|è)s?\b|\b1(?:ère|ere)\b/, 'ordinal mal écrit'],
    [/\d%/, 'pourcentage collé'],
    [/[\p{Ll})»][.!?][\p{Lu}«]/u, 'deux phrases collées'],
  ];
  return rules.filter(([re]) => re.test(prose)).map(([re, what]) => `${what} : « ${prose.match(re)![0]} » dans « ${excerpt(prose, prose.search(re))} »`);
}

function excerpt(text: string, at: number): string {
  return text.slice(Math.max(0, at - 40), at + 40).replace(/\n/g, '⏎');
}

function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, '\n')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&[lg]t;/g, ' ');
}

let tmp: ReturnType<typeof tempDir>;
const pages = new Map<string, string>();

beforeAll(async () => {
  tmp = tempDir();
  const walkers: Conversation[] = [];
  for (let seed = 1; seed <= 60; seed++) walkers.push(await walk(tmp.dir, seed, 60));

  walkers.push(...(await scripted(tmp.dir)));
  for (const w of walkers.slice(0, 5)) await w.connect();

  // What no walk reaches: the channels' own messages, the errors of hostile input, a Thursday prompt.
  for (const [name, vars] of EXPLICIT) recording(name, vars);
  const richest = walkers.map((w) => w.user()).filter((u) => u !== undefined).sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0]!;
  for (const thursday of ['2026-12-03', '2026-12-17']) composePrompt(content, recording, richest, thursday);

  const renderPage = createPageRenderer(CONTENT_DIR, content.glossary.acronyms);
  const view = reportView(content, recording, richest, undefined, TEST_NOW);
  pages.set('report', renderPage('report.njk', view));
  pages.set('report-body', renderPage('report-body.njk', view));
  pages.set('chat', renderPage('chat.njk', { wsPath: '/ws' }));
  pages.set('confidentialite', renderPage('confidentialite.njk'));
  pages.set(
    'confidentialite-configured',
    renderPage('confidentialite.njk', { controller: 'Association Exemple, 1 rue de la Paix, 75002 Paris', contact: 'dpo@exemple.org', contactHref: 'mailto:dpo@exemple.org', retentionDays: 730, cookieDays: 395, reportLinkDays: 30 }),
  );
  const owner = walkers.find((w) => w.user()?.id === richest.id)!;
  const stored = await exportUserData(owner.store, undefined, richest.id, TEST_NOW);
  if (stored) {
    pages.set(
      'mes-donnees',
      renderPage('mes-donnees.njk', { view: userDataView(content, stored), downloadHref: '/mes-donnees/x/json', date: (iso: string) => frenchDate(new Date(iso), 'Europe/Paris', { year: true }) }),
    );
  }
  for (const status of [400, 404, 429, 500]) pages.set(`error-${status}`, renderPage('error.njk', { status }));
  for (const reason of ['expired', 'invalid']) pages.set(`report-error-${reason}`, renderPage('report-error.njk', { reason }));
  pages.set('tab', renderPage('tab.njk', { configured: true }));
  for (const state of ['confirm', 'same', 'limited', 'used', 'expired', 'invalid']) pages.set(`reprendre-${state}`, renderPage('reprendre.njk', { state, action: '/reprendre/x', replaces: true }));
  for (const reason of ['not-configured', 'unauthenticated', 'no-report']) pages.set(`tab-message-${reason}`, renderPage('tab-message.njk', { reason }));
}, 120_000);
afterAll(() => tmp.cleanup());

const { labels } = content.ui;

/** Journeys a random walk rarely completes: pairing between two users, the Jeudis, clarifications. */
async function scripted(dir: string): Promise<Conversation[]> {
  const onboarded = async (userId: string, actor = /^Association/, option: RegExp | string = /employeuse/i) => {
    const c = await Conversation.open(dir, { render: recording, userId });
    await c.connect();
    await c.press(actor);
    await c.press(option);
    if (c.choices().some((x) => /intérêt général/.test(x.label))) await c.press(/intérêt général/);
    await c.say('Saint-Denis');
    await c.press(c.choices()[0]!.label);
    return c;
  };
  const alice = await onboarded('alice');
  await alice.say('des exemples près de chez moi ?');
  await alice.say('diagnostic');
  await alice.say('moyen');
  for (let i = 0; i < 7; i++) await alice.say('2');
  await alice.say('jumelage');
  const invite = await alice.press(labels.pairingInvite);
  const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(invite.map((m) => m.text).join('\n'))?.[0] ?? '';
  const bob = await onboarded('bob', /^Entreprise/, /PME/);
  await bob.say('jumelage');
  await bob.press(labels.pairingJoin);
  await bob.say(code);
  for (const weight of ['0', '0', '0', '0', '2', '1', '5', '2']) await bob.say(weight);
  await alice.say('méthode');
  await alice.press(/Étape 1/);
  for (const weight of ['8', '2', '9', '3']) await alice.say(weight);
  await bob.say('jumelage');
  if (bob.choices().some((x) => x.label === labels.pairingShow)) await bob.press(labels.pairingShow);
  await bob.say('jumelage');
  await bob.press(labels.pairingCancel);
  await bob.say('méthode');
  await bob.press(/Étape 2/);
  await bob.say('on monte un projet de mécénat de compétences avec nos salariés');
  await bob.say('méthode');
  await bob.press(/Étape 2/);
  await bob.say('patate');
  await bob.press(bob.choices()[0]!.label);
  await bob.say('patate');
  await bob.say("on achète les produits d'une structure d'insertion");
  await bob.say('évaluation');
  for (let i = 0; i < 30 && bob.choices().length > 0; i++) {
    if (bob.choices().some((x) => x.label === labels.skipQuestion)) await bob.say('x'.repeat(600));
    await bob.press(bob.choices()[0]!.label);
  }
  await alice.say('jeudis');
  await alice.press(labels.jeudisSubscribe);
  await alice.press(/^9/);
  await alice.say('jeudis');
  await alice.press(labels.jeudisPauseFor);
  await alice.press(alice.choices()[0]!.label);
  await alice.say('jeudis');
  await alice.press(labels.jeudisResumeNow);
  await alice.say('jeudis');
  return [alice, bob];
}

const EXPLICIT: Array<[string, Record<string, unknown>]> = [
  ['errors/flood', {}],
  ['errors/malformed-frame', {}],
  ['errors/record-too-large', {}],
  ['errors/tab-replaced', {}],
  ['errors/internal', {}],
  ['errors/unavailable', {}],
  ['errors/dialog-reset', {}],
  ['teams/introduce', { botName: 'Compagnon ODD 17' }],
  ['teams/private-reply', { sent: true, botName: 'Compagnon ODD 17' }],
  ['teams/private-reply', { sent: false, botName: 'Compagnon ODD 17' }],
  ['jeudis/while-away', {}],
  ['jeudis/need-personal-chat', {}],
  ['jeudis/resource', {}],
  ['diagnosis/clarify', { levels: content.scale.slice(1, 3) }],
  ['understanding/clarify', { options: content.actors.slice(0, 2).map((a) => a.label) }],
  ['understanding/short-list', { options: content.actors.map((a) => a.label) }],
  // Resume codes: a web identity only (the walkers speak on no channel that offers them).
  ['resume/code', { code: 'HJKM-2345', minutes: 15 }],
  ['resume/link-card', { minutes: 15 }],
  ['resume/ask-code', { replaces: true }],
  ['resume/ask-code', { replaces: false }],
  ...['unknown', 'expired', 'used', 'own'].map((reason): [string, Record<string, unknown>] => ['resume/code-refused', { reason }]),
  ['resume/accepted', {}],
  ['resume/used-elsewhere', {}],
  ['welcome/first', { resumable: true }],
  // Reached by a walk only by chance (a code typed at the pairing's question): the walks change with the commands.
  ...['unknown', 'expired', 'used', 'own', 'already-paired'].map((reason): [string, Record<string, unknown>] => ['pairing/code-refused', { reason }]),
  // The Thursday prompts beyond the chat: the calendar feed, the notifications and their answers to the page.
  ['jeudis/calendar-card', {}],
  ['jeudis/calendar-name', {}],
  ['jeudis/calendar-description', {}],
  ['jeudis/calendar-gone', {}],
  ...[
    { kind: 'need', theme: 'Comprendre son écosystème' },
    { kind: 'prospective', theme: 'Transformer son modèle socio-économique' },
    { kind: 'tools', theme: '' },
  ].flatMap((vars): Array<[string, Record<string, unknown>]> => [
    ['jeudis/calendar-event-title', vars],
    ['jeudis/calendar-event', { ...vars, url: 'https://compagnon.example.org/' }],
    ['jeudis/notification-body', { themeKind: vars.kind, themeTitle: vars.theme }],
  ]),
  ['jeudis/pause-invalid', {}],
  ['jeudis/push-on', {}],
  ['jeudis/push-off', {}],
  ...['not-subscribed', 'identity', 'subscription'].map((reason): [string, Record<string, unknown>] => ['jeudis/push-refused', { reason }]),
  ['jeudis/subscribed', { hour: 9, next: 'jeudi 3 décembre à 9 h', channel: 'teams' }],
  ['jeudis/subscribed', { hour: 9, next: 'jeudi 3 décembre à 9 h', channel: 'web', calendar: true, push: true }],
  ['jeudis/paused', { weeks: null, next: 'jeudi 2 septembre à 9 h' }],
  ['qa/see-also', { titles: ['Référentiel « Co-construction territoriale »', 'Les 4 piliers de la valorisation du « faire alliance »'] }],
];

describe('the typography rules themselves', () => {
  it.each([
    ['votre bilan.Et pour avancer', 'deux phrases collées'],
    ['Que voulez-vous faire ?', 'espace ordinaire'],
    ['« Les Jeudis »', 'espace ordinaire après «'],
    ['le 3ème jeudi', 'ordinal'],
    ['82% des maires', 'pourcentage'],
    ['à 9 h', 'heure'],
    ['1 500 associations', 'milliers'],
  ])('catch « %s »', (text, what) => {
    expect(typographyProblems(text).join(' ')).toContain(what);
  });

  it('accept text set by the renderer', () => {
    expect(typographyProblems(base('jeudis/status', { hour: 9, pausedUntil: '', next: 'jeudi 3 décembre' }))).toEqual([]);
  });
});

describe('French typography in every template', () => {
  it('renders every template, from conversations or from explicit samples', () => {
    const missing = allTemplates().filter((name) => !name.startsWith('pages/') && !rendered.has(name));
    expect(missing, `templates never rendered: ${missing.join(', ')}`).toEqual([]);
  });

  it('follows the rules in every message template', () => {
    const problems = [...rendered].flatMap(([name, outputs]) => [...new Set(outputs.flatMap(typographyProblems))].map((p) => `${name} : ${p}`));
    expect(problems).toEqual([]);
  });

  it('follows the rules in the text of every page', () => {
    const problems = [...pages].flatMap(([name, html]) => typographyProblems(htmlText(html)).map((p) => `${name} : ${p}`));
    expect(problems).toEqual([]);
  });
});
