import type { AnytimeCommand, CommandApi } from '../src/conversation/dialog-types.js';
import { diagnosisResults } from '../src/domain/diagnosis/diagnosis-results.js';
import { journey } from '../src/domain/journey.js';
import { message } from '../src/domain/out-message.js';
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
  { name: 'menu', run: (api) => api.begin('menu') },
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
  { name: 'pairing', run: (api) => api.begin('pairing') },
  { name: 'question', run: (api) => api.begin('question') },
  // Before « jeudis »: « stop jeudis » and « je suis en congés » are more specific.
  {
    name: 'jeudisStop',
    run: (api) => {
      const sub = api.ctx.user.jeudis;
      if (!sub?.active) return [message(api.ctx.render('jeudis/not-subscribed')), ...resume(api)];
      sub.active = false;
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
  ...(['greet', 'thanks', 'whoami', 'bye'] as const).map(
    (name): AnytimeCommand => ({
      name,
      run: (api) => [message(api.ctx.render(`smalltalk/${name}`)), ...(api.activeDialog() ? api.reprompt() : api.begin('menu'))],
    }),
  ),
];
