import type { AnytimeCommand, CommandApi } from '../src/conversation/dialog-types.js';
import { diagnosisResults } from '../src/domain/diagnosis/diagnosis-results.js';
import { journey } from '../src/domain/journey.js';
import { message } from '../src/domain/out-message.js';
import { stopJeudis } from '../src/domain/jeudis/stop.js';
import { codeIn } from '../src/domain/diagnosis/match-answer.js';
import { recommendationCards } from '../src/domain/recommendation-cards.js';

/** What was pending, asked again; or the menu. */
const resume = (api: CommandApi) => (api.activeDialog() ? api.reprompt() : api.begin('menu'));

/** The tool of the last Thursday prompt, with the reason it was chosen. */
function showResourceOfTheWeek(api: CommandApi) {
  const { content, render, user } = api.ctx;
  const tool = content.tools.find((t) => t.id === user.jeudis?.lastResource);
  if (!tool) return [message(render('jeudis/no-resource')), ...resume(api)];
  const results = diagnosisResults(content, user.profile, user.diagnosis);
  // The reason names the user's own level on the needs the tool serves, where they gave one.
  const needs = results.ranked.filter((r) => tool.needs.includes(r.need.id));
  const targeted = user.profile.actor !== undefined && tool.audience.includes(user.profile.actor);
  const cards = recommendationCards(content, render, user.profile, results, [{ tool, score: 0, needs, targeted }]);
  return [message(render('jeudis/resource'), { cards }), ...resume(api)];
}

/**
 * Words that work at any moment, even in the middle of a question. Order matters: the first
 * command whose words match wins. Answers to questions ("2", "oui") are never commands.
 */
export const anytimeCommands: AnytimeCommand[] = [
  // Asked for: the whole menu (after an action, the menu shows only what comes next).
  { name: 'menu', run: (api) => api.begin('menu', { full: true }) },
  {
    name: 'help',
    run: (api) => [
      message(api.ctx.render('commands/help', { inDialog: api.activeDialog() !== undefined && api.activeDialog() !== 'menu' })),
      ...(api.activeDialog() ? api.reprompt() : api.begin('menu')),
    ],
  },
  {
    name: 'cancel',
    run: (api) => {
      const active = api.activeDialog();
      const wasBusy = active !== undefined && active !== 'menu';
      return [message(api.ctx.render('commands/cancelled', { wasBusy })), ...api.begin('menu')];
    },
  },
  {
    name: 'restart',
    run: (api) =>
      Object.keys(api.ctx.user.diagnosis.answers).length > 0
        ? api.interject('confirm-restart')
        : api.begin('diagnosis', { fresh: true }),
  },
  { name: 'profile', run: (api) => api.begin('profile') },
  { name: 'diagnosis', run: (api) => api.begin('diagnosis') },
  { name: 'report', run: (api) => api.begin('report') },
  { name: 'reportLink', run: (api) => api.begin('report') },
  // « méthode »: where the user stands in the journey through the kit's method.
  { name: 'method', run: (api) => api.begin('journey') },
  { name: 'evaluation', run: (api) => api.begin('evaluation') },
  // « étape 3 »: a step of the method directly (what the report's next actions say to type, or send from a link).
  { name: 'step1', run: (api) => api.begin('method-objectives') },
  { name: 'step2', run: (api) => api.begin('method-model') },
  { name: 'step3', run: (api) => api.begin('method-ecosystem') },
  // « j'ai un code » (and the invitation's link, which sends « j'ai un code ABCD-2345 »): join a pairing.
  {
    name: 'pairingJoin',
    run: (api) => api.begin('pairing', { join: true, code: api.input ? codeIn(api.input, api.ctx.content.ui.commands.pairingJoin) : undefined }),
  },
  { name: 'pairing', run: (api) => api.begin('pairing') },
  { name: 'question', run: (api) => api.begin('question') },
  // Before « jeudis »: « stop jeudis » and « je suis en congés » are more specific.
  {
    name: 'jeudisStop',
    run: (api) => {
      const sub = api.ctx.user.jeudis;
      if (!sub?.active) return [message(api.ctx.render('jeudis/not-subscribed')), ...resume(api)];
      stopJeudis(sub);
      return [message(api.ctx.render('jeudis/stopped')), ...resume(api)];
    },
  },
  { name: 'jeudisPause', run: (api) => api.interject('jeudis', { pause: true }) },
  { name: 'jeudis', run: (api) => api.begin('jeudis') },
  {
    // The Thursday prompt's « Reprendre où j'en étais »: the dialog under way, or the next step of the journey.
    name: 'jeudisContinue',
    run: (api) => {
      const active = api.activeDialog();
      if (active && active !== 'menu') return api.reprompt();
      const { next } = journey(api.ctx.user);
      return api.begin(next?.dialog ?? 'journey');
    },
  },
  { name: 'jeudisResource', run: showResourceOfTheWeek },
  {
    name: 'myData',
    run: (api) => {
      const { content, render, services, user, now } = api.ctx;
      const link = { title: content.ui.labels.myData, url: services.dataExportUrl(user.id, now), linkLabel: content.ui.labels.myData };
      return [message(render('privacy/export'), { cards: [link] }), ...resume(api)];
    },
  },
  // Begun, not interjected: after an erasure there is nothing to go back to.
  { name: 'eraseData', run: (api) => api.begin('erase-data') },
  {
    // A code and a link to continue elsewhere (the secrets never reach the history); then what was pending.
    name: 'resumeElsewhere',
    run: (api) => {
      const { content, render, services, user, now } = api.ctx;
      if (!services.resume.offers(user)) return [message(render('resume/not-here')), ...resume(api)];
      const { code, url } = services.resume.create(user.id, now);
      const link = { title: content.ui.labels.resumeLink, text: render('resume/link-card', { minutes: services.resume.minutes }), url, linkLabel: content.ui.labels.resumeLink };
      return [message(render('resume/code', { code, minutes: services.resume.minutes }), { cards: [link] }), ...resume(api)];
    },
  },
  // Above what was pending: « menu » or a wrong code three times goes back to it.
  { name: 'resumeCode', run: (api) => api.interject('resume') },
  ...(['greet', 'thanks', 'whoami', 'bye'] as const).map(
    (name): AnytimeCommand => ({
      name,
      // A word of politeness is no reason to print the whole question again: one line recalls it.
      run: (api) => [message(api.ctx.render(`smalltalk/${name}`)), ...(api.activeDialog() ? api.remind() : api.begin('menu'))],
    }),
  ),
];
