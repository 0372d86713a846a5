import type { AnytimeCommand } from '../src/dialog/dialog-types.js';
import { message } from '../src/messages/out-message.js';

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
  { name: 'method', run: (api) => api.begin('parcours') },
  { name: 'evaluation', run: (api) => api.begin('evaluation') },
  { name: 'pairing', run: (api) => api.begin('pairing') },
  { name: 'question', run: (api) => api.begin('question') },
  ...(['greet', 'thanks', 'whoami', 'bye'] as const).map(
    (name): AnytimeCommand => ({
      name,
      run: (api) => [message(api.ctx.render(`smalltalk/${name}`)), ...(api.activeDialog() ? api.reprompt() : api.begin('menu'))],
    }),
  ),
];
