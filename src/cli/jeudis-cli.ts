import { pino } from 'pino';
import { cliSetup } from './cli-setup.js';
import { createTemplateRenderer } from '../infra/templates/render-template.js';
import { startServer } from '../app/start-server.js';
import { DataLock, DataLockError } from '../infra/storage/data-lock.js';
import { UserStore } from '../infra/storage/user-store.js';
import { DeliveryJournal } from '../infra/storage/delivery-journal.js';
import { dryRun, samplePrompt } from '../services/jeudis/dry-run.js';
import { describeTheme } from '../domain/jeudis/compose-prompt.js';
import { realClock } from '../app/real-clock.js';
import { frenchDate } from '../domain/jeudis/format-date.js';
import { localTime, THURSDAY } from '../domain/jeudis/local-time.js';

const USAGE = `Usage :
  npm run jeudis -- --dry-run [--date AAAA-MM-JJ]   qui recevrait quoi ce jeudi-là, sans rien envoyer
  npm run jeudis -- --send-now                      envoie maintenant les messages de ce jeudi (une seule fois par personne)`;

/**
 * Operations on the weekly prompts. --send-now starts the bot without its web port's users and
 * takes the data directory's lock: it refuses while the server runs (the server sends by itself).
 */
async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || (!args.includes('--dry-run') && !args.includes('--send-now'))) {
    console.log(USAGE);
    return args.includes('--help') ? 0 : 1;
  }
  const setup = cliSetup();
  if (!setup.ok) return fail(setup.message);
  const { config, content } = setup;
  const timeZone = content.jeudis.timeZone;

  if (args.includes('--dry-run')) {
    const dateArg = args[args.indexOf('--date') + 1];
    const date = args.includes('--date') ? dateArg : localTime(realClock(), timeZone).date;
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return fail(`--date attend une date AAAA-MM-JJ.\n${USAGE}`);
    const at = new Date(`${date}T12:00:00Z`);
    if (localTime(at, timeZone).weekday !== THURSDAY) return fail(`Le ${frenchDate(date)} n'est pas un jeudi.`);
    const store = await UserStore.open(config.DATA_DIR, { flushDelayMs: 60_000, now: realClock });
    const journal = DeliveryJournal.open(config.DATA_DIR, realClock(), { readOnly: true });
    const render = createTemplateRenderer(config.CONTENT_DIR);
    const lines = await dryRun(store, journal, content, render, at);
    console.log(`${frenchDate(date)} : ${lines.length} message${lines.length > 1 ? 's' : ''} à envoyer (simulation, rien n'est envoyé).`);
    // What a content author checks first: the theme that day, whoever is due.
    const theme = describeTheme(content, render, date);
    const kind = theme.kind === 'prospective' ? ' (3e jeudi du mois : cycle prospectif)' : '';
    console.log(`Thème du jour : ${theme.id}${kind}${theme.title ? ` · « ${theme.title} »` : ''}`);
    if (lines.length === 0) {
      const sample = samplePrompt(content, render, date, at);
      const resource = sample.prompt.resource ? `, ressource ${sample.prompt.resource}` : '';
      console.log(`\nPersonne n'attend de message ce jeudi-là. Exemple pour un abonné type (${sample.who}, profil complet, diagnostic non commencé${resource}) :`);
      console.log(sample.prompt.message.text.replace(/^/gm, '    '));
    }
    for (const line of lines) {
      console.log(`\n- ${line.userId} · ${line.channel} · ${line.hour} h · thème ${line.theme}${line.resource ? ` · ressource ${line.resource}` : ''}`);
      console.log(line.text.replace(/^/gm, '    '));
    }
    return 0;
  }

  // The running server sends by itself: refuse first, whatever the day.
  try {
    DataLock.acquire(config.DATA_DIR).release();
  } catch (err) {
    if (err instanceof DataLockError) return fail(`${err.message}\nLe serveur envoie lui-même les messages du jeudi (et rattrape le jour même ceux qu'il a manqués).`);
    throw err;
  }
  const now = realClock();
  if (localTime(now, timeZone).weekday !== THURSDAY) return fail(`Nous ne sommes pas jeudi (${timeZone}) : rien à envoyer. Utilisez --dry-run --date pour voir un autre jeudi.`);
  let server;
  try {
    server = await startServer({ ...config, PORT: 0, HOST: '127.0.0.1', JEUDIS_SCHEDULER: 'off' }, pino({ level: config.LOG_LEVEL }), { now: realClock });
  } catch (err) {
    if (err instanceof DataLockError) return fail(`${err.message}\nLe serveur envoie lui-même les messages du jeudi (et rattrape ceux manqués le jour même).`);
    throw err;
  }
  try {
    const summary = await server.jeudis.tick(now, { anyHour: true });
    console.log(summary ? `Envoyés : ${summary.sent}, déjà faits : ${summary.skipped}, reportés : ${summary.deferred}, échecs : ${summary.failed}, désactivés : ${summary.deactivated} (${summary.durationMs} ms).` : 'Personne à qui écrire ce jeudi.');
  } finally {
    await server.close();
  }
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
