import { realClock } from '../app/real-clock.js';
import { countStore, copyStore, isEmpty, type StoreCounts } from '../infra/storage/copy-store.js';
import { DataLock, DataLockError } from '../infra/storage/data-lock.js';
import { openPostgresStore } from '../infra/storage/postgres/open-postgres-store.js';
import { StorageError } from '../infra/storage/storage-errors.js';
import { UserStore } from '../infra/storage/user-store.js';
import { cliSetup } from './cli-setup.js';

const USAGE = `Usage :
  npm run storage:migrate -- --to postgres://…     copie les données de DATA_DIR dans cette base PostgreSQL
  npm run storage:migrate -- --from postgres://…   copie les données de cette base dans DATA_DIR (sauvegarde, retour au stockage sans serveur)
  Ajoutez --force pour remplacer ce que la destination contient déjà.
  Le serveur doit être arrêté (DATA_DIR et la base sont verrouillés pendant qu'il tourne).`;

const LABELS: Record<keyof StoreCounts, string> = {
  users: 'utilisateurs',
  invites: 'invitations',
  pairings: 'jumelages',
  resumeCodes: 'codes de reprise',
  unanswered: 'questions sans réponse',
  feedback: 'votes',
  erasures: 'effacements mémorisés',
  introductions: 'conversations de groupe saluées',
};

const describe = (counts: StoreCounts) =>
  Object.entries(counts)
    .map(([key, n]) => `${n} ${LABELS[key as keyof StoreCounts]}`)
    .join(', ');

/**
 * Copies users' data between the data directory (lowdb) and PostgreSQL, in either direction:
 * everything the store holds, the same whichever way. Refuses a destination that already holds
 * data unless --force (which replaces it: running it again gives the same result).
 */
async function main(args: string[]): Promise<number> {
  const to = valueOf(args, '--to');
  const from = valueOf(args, '--from');
  if (args.includes('--help') || (to === undefined) === (from === undefined)) {
    console.log(USAGE);
    return args.includes('--help') ? 0 : 1;
  }
  const url = (to ?? from)!;
  if (!/^postgres(ql)?:\/\/\S+$/.test(url)) return fail(`« ${url} » n'est pas une adresse postgres://…\n${USAGE}`);
  const setup = cliSetup();
  if (!setup.ok) return fail(setup.message);
  const { config } = setup;

  let lock: DataLock;
  try {
    lock = DataLock.acquire(config.DATA_DIR);
  } catch (err) {
    if (err instanceof DataLockError) return fail(`${err.message}\nArrêtez le serveur avant de copier ses données.`);
    throw err;
  }
  const stores: UserStore[] = [];
  try {
    const files = await UserStore.open(config.DATA_DIR, { flushDelayMs: 0, now: realClock });
    stores.push(files);
    const database = await openPostgresStore({ url, poolSize: 4, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, now: realClock });
    stores.push(database);
    const [source, target, where] = to ? [files, database, 'la base PostgreSQL'] : [database, files, `DATA_DIR (${config.DATA_DIR})`];
    const before = await countStore(target);
    if (!isEmpty(before) && !args.includes('--force')) {
      return fail(`${where} contient déjà des données (${describe(before)}) : rien n'est copié. Ajoutez --force pour les remplacer.`);
    }
    const started = performance.now();
    const counts = await copyStore(source, target);
    console.log(`Copié dans ${where} en ${((performance.now() - started) / 1000).toFixed(1)} s : ${describe(counts)}.`);
    return 0;
  } catch (err) {
    if (err instanceof StorageError) return fail(err.message);
    throw err;
  } finally {
    for (const store of stores) await store.close();
    lock.release();
  }
}

function valueOf(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
