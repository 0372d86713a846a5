import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { eventually } from './helpers/eventually.js';
import { usePostgres } from './helpers/postgres.js';
import { useTestServer } from './helpers/test-server.js';
import { cookieUserId, greet, onboardOnWeb, subscribeToJeudisOnWeb } from './helpers/web-client.js';

/** The real server with DATABASE_URL: the same conversation, kept in PostgreSQL. */
const postgres = usePostgres();
const ctx = useTestServer({ lazy: true });
/** A second server on the same database (its own DATA_DIR), as behind a load balancer. */
const other = useTestServer({ lazy: true });
const SHARED_SECRET = 'a-cookie-secret-both-servers-share-0123456789';

describe('the companion on PostgreSQL (DATABASE_URL)', () => {
  it('keeps a web user’s answers in the database, and resumes at the same need after a restart', async () => {
    const url = await postgres.database();
    await ctx.start({ env: { DATABASE_URL: url } });
    expect((await fetch(new URL('/readyz', ctx.url))).status).toBe(200);
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    await client.ask('diagnostic');
    await client.ask('2');
    await client.ask('3');
    expect(client.messages().at(-1)!.progress?.position).toBe(3);

    // In the database, as a row per user (not in DATA_DIR's file).
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT record->'diagnosis'->'answers' AS answers, version FROM users WHERE record->'profile'->>'departement' = '69'`);
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0].answers)).toHaveLength(2);
      expect(Number(rows[0].version)).toBeGreaterThan(3);
    } finally {
      await db.end();
    }

    await ctx.restart({ env: { DATABASE_URL: url } });
    const again = await greet(await ctx.connect(cookie), 'welcome_back');
    expect(again.messages().map((m) => m.text ?? '').join('\n')).toContain('Besoin 3/7');
    const next = await again.ask('4');
    expect(next.map((m) => m.text).join('\n')).toContain('Besoin 4/7');
  });

  it('is not ready while the database cannot be reached', async () => {
    const url = await postgres.database();
    await ctx.start({ env: { DATABASE_URL: url } });
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    const admin = new URL(url);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const db = new pg.Client({ connectionString: admin.toString() });
    await db.connect();
    try {
      // The database goes away under the running server.
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      await db.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      const res = await fetch(new URL('/readyz', ctx.url));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'storage unreachable' });
      // Another request still gets its answer: the process is up; a turn that cannot be saved
      // (after a few tries) asks the user to wait a moment and keeps their earlier answers.
      expect((await fetch(ctx.url)).status).toBe(200);
      const reply = await client.ask('diagnostic');
      expect(reply.map((m) => m.text).join('\n')).toMatch(/Un instant… je n'arrive pas à enregistrer votre réponse.*rien de ce que vous m'aviez déjà dit n'est perdu/s);
      expect((await ctx.server.store.read(cookieUserId(cookie)))?.profile.departement).toBe('69');
    } finally {
      await db.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await db.end();
    }
  });

  it('shows each turn’s replies in all the pages of a user, whichever server each page is connected to', async () => {
    const url = await postgres.database();
    // Behind a load balancer the servers share their keys: a cookie of one opens the other.
    const env = { DATABASE_URL: url, COOKIE_SECRET: SHARED_SECRET };
    await ctx.start({ env });
    await other.start({ env });
    const { client: here, cookie } = await ctx.visitor();
    await onboardOnWeb(here);
    const there = await greet(await other.connect(cookie));
    // A message on this server: the page on the other one shows the replies too (buttons included).
    const before = there.messages().length;
    const replies = await here.ask('diagnostic');
    // Through PostgreSQL's notifications: a little longer when the machine is busy (the whole suite).
    await there.waitFor((m) => m.length >= before + replies.length, 15_000);
    expect(there.messages().slice(before).map((m) => m.text)).toEqual(replies.map((m) => m.text));
    expect(there.messages().at(-1)!.quick_replies?.map((q) => q.title)).toEqual(replies.at(-1)!.quick_replies?.map((q) => q.title));
    // And the other way round, the answer saved once for both.
    const count = here.messages().length;
    const answer = await there.press(/^3/);
    const question = answer.at(-1)!;
    await here.waitFor((m) => m.slice(count).some((f) => f.text === question.text), 15_000);
    const relayed = here.messages().slice(count).find((f) => f.text === question.text)!;
    expect(relayed.quick_replies?.map((q) => q.title)).toEqual(question.quick_replies?.map((q) => q.title));
    expect(Object.values((await ctx.server.store.read(cookieUserId(cookie)))!.diagnosis.answers).map((a) => a.level)).toEqual([3]);
  });

  it('shows another server’s turn only in the pages that were open when it replied (a page opened since has it in its history)', async () => {
    const url = await postgres.database();
    await ctx.start({ env: { DATABASE_URL: url } });
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    const userId = cookieUserId(cookie);
    // As another server tells it (its own notification, on the live channel).
    const tell = async (text: string, at: number) => {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const notice = { from: 'another-server', kind: 'turn', userId, key: '', messages: [{ text, choices: [], cards: [] }], at };
      await db.query('SELECT pg_notify($1, $2)', ['odd17_live', JSON.stringify(notice)]);
      await db.end();
    };
    await tell('Une réponse donnée avant que la page ne s’ouvre.', Date.now() - 60_000);
    await tell('Une réponse donnée pendant que la page est ouverte.', Date.now());
    await client.waitFor((m) => m.some((f) => /pendant que la page est ouverte/.test(f.text ?? '')), 15_000);
    expect(client.messages().some((f) => /avant que la page ne s’ouvre/.test(f.text ?? ''))).toBe(false);
  });

  it('runs the Thursday broadcast on one server of two, shows it live in a page open on the other, and runs it there once the first has stopped', async () => {
    const url = await postgres.database();
    await ctx.start({ env: { DATABASE_URL: url } });
    await other.start({ env: { DATABASE_URL: url } });
    const { client, cookie } = await ctx.visitor();
    await onboardOnWeb(client);
    await subscribeToJeudisOnWeb(client);
    const id = cookieUserId(cookie);
    // The subscription reaches the other server (notification), as any change does.
    await eventually(async () => expect((await other.server.store.read(id))?.jeudis?.active).toBe(true));

    const thursday = new Date('2026-12-03T08:00:00Z');
    // The other server ticks first and leads; this one, told it does not, sends nothing.
    expect((await other.server.jeudis.tick(thursday))?.sent).toBe(1);
    expect(await ctx.server.jeudis.tick(thursday)).toBeUndefined();
    // The page is open on this server, not the sender: it shows the prompt live all the same,
    // once, and it is not news at the next visit (out of the inbox, in the history once).
    const prompt = /C'est jeudi\s:\svotre rendez-vous/;
    await eventually(async () => expect(client.messages().filter((m) => prompt.test(m.text ?? ''))).toHaveLength(1));
    await eventually(async () => expect((await ctx.server.store.read(id))?.inbox).toEqual([]));
    const history = (await ctx.server.store.read(id))!.history.flatMap((h) => h.replies).filter((r) => prompt.test(r.text));
    expect(history).toHaveLength(1);

    // The leader stops: this server takes over the next Thursday.
    await other.stop();
    const next = await ctx.server.jeudis.tick(new Date('2026-12-10T08:00:00Z'));
    expect(next?.sent).toBe(1);
    await eventually(async () => expect(client.messages().filter((m) => prompt.test(m.text ?? ''))).toHaveLength(2));
  });
});

