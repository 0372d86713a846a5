import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../src/infra/storage/delivery-journal.js';
import { newUserRecord, type UserRecord } from '../src/domain/user-record.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { startTestServer } from './helpers/server.js';
import { tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

const run = promisify(execFile);
const cli = ['--import', 'tsx', path.resolve('src/cli/jeudis-cli.ts')];
const AT = new Date('2026-11-30T10:00:00Z');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

function subscriber(id: string, over: Partial<UserRecord> = {}): UserRecord {
  return {
    ...newUserRecord(id, 'web', AT),
    profile: { actor: 'association', options: {}, completedAt: AT.toISOString() },
    jeudis: { active: true, hour: 9, timeZone: 'Europe/Paris', since: AT.toISOString(), suggestedTools: [] },
    ...over,
  };
}

async function seed() {
  const store = await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 0 });
  store.put(subscriber('web-alice'));
  store.put(subscriber('web-bob', { jeudis: { ...subscriber('x').jeudis!, hour: 17 } }));
  store.put(subscriber('web-carol', { jeudis: { ...subscriber('x').jeudis!, active: false } }));
  store.put(subscriber('web-dan', { jeudis: { ...subscriber('x').jeudis!, pausedUntil: '2026-12-17' } }));
  await store.close();
}

const env = () => ({ ...process.env, DATA_DIR: tmp.dir, LOG_LEVEL: 'silent' });

describe('npm run jeudis', () => {
  it('--dry-run --date prints who would receive what that Thursday, whatever their hour, and sends nothing', async () => {
    await seed();
    const before = readFileSync(path.join(tmp.dir, 'compagnon.json'), 'utf8');
    const { stdout } = await run(process.execPath, [...cli, '--dry-run', '--date', '2026-12-03'], { env: env() });
    expect(stdout).toMatch(/jeudi 3 décembre : 2 messages à envoyer \(simulation/);
    expect(stdout).toMatch(/Thème du jour : besoin-capacite-innovation · « Qualifier sa capacité d'innovation »/);
    expect(stdout).toMatch(/- web-alice · web · 9 h · thème [a-z-]+/);
    expect(stdout).toMatch(/- web-bob · web · 17 h/);
    expect(stdout).not.toMatch(/web-carol|web-dan/);
    expect(stdout).toMatch(/C'est jeudi/);
    expect(readFileSync(path.join(tmp.dir, 'compagnon.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(tmp.dir, JOURNAL_FILE))).toBe(false);
  });

  it('--dry-run with nobody due still shows that Thursday\'s theme and a sample prompt, for content authors', async () => {
    // No subscriber at all: an empty data directory.
    const { stdout: printed } = await run(process.execPath, [...cli, '--dry-run', '--date', '2026-12-17'], { env: env() });
    // The prompt is typeset (no-break spaces before « : »), as users get it.
    const stdout = printed.replace(/\u00a0/g, ' ');
    expect(stdout).toMatch(/jeudi 17 décembre : 0 message à envoyer/);
    // The 3rd Thursday of December: the prospective cycle, with its title.
    expect(stdout).toMatch(/Thème du jour : cycle-prospectif \(3e jeudi du mois : cycle prospectif\) · « Transformer son modèle socio-économique »/);
    expect(stdout).toMatch(/Exemple pour un abonné type \(une association, profil complet, diagnostic non commencé, ressource [a-z0-9-]+\)/);
    expect(stdout).toMatch(/^ {4}\*\*C'est le 3e jeudi du mois : mon thème prospectif\.\*\*/m);
    expect(stdout).toMatch(/La ressource de la semaine : \*\*/);
    expect(existsSync(path.join(tmp.dir, JOURNAL_FILE))).toBe(false);
  });

  it('--dry-run refuses a date that is not a Thursday, in French', async () => {
    await seed();
    const failure = await run(process.execPath, [...cli, '--dry-run', '--date', '2026-12-04'], { env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/vendredi 4 décembre n'est pas un jeudi/);
  });

  it('--send-now refuses while the server runs on the same data', async () => {
    const server = await startTestServer(tmp.dir);
    try {
      const failure = await run(process.execPath, [...cli, '--send-now'], { env: env() }).catch((e: { code: number; stderr: string }) => e);
      expect((failure as { code: number }).code).toBe(1);
      expect((failure as { stderr: string }).stderr).toMatch(/déjà utilisé par un autre processus/);
    } finally {
      await server.close();
    }
  });
});
