import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.js';
import { useTestServer } from './helpers/test-server.js';
import { tempDir } from './helpers/temp-dir.js';
import { onboardOnWeb, subscribeToJeudisOnWeb } from './helpers/web-client.js';

/** Teams hosts allowed to frame the « Mon bilan » tab, and only it. */
const TEAMS_FRAME = /^'self' https:\/\/teams\.microsoft\.com .*https:\/\/\*\.skype\.com$/;

interface Expected {
  status: number;
  /** The page runs its own scripts (script-src 'self'), or none at all. */
  scripts: boolean;
  /** Framed by Teams (the tab), or by this site only. */
  teams?: boolean;
  /** A user's own page or an answer about a link: never cached. */
  personal?: boolean;
  /** The page posts a form to this site (a resume link's confirmation); every other page, no form at all. */
  form?: boolean;
}

/** Each directive of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

function expectPageHeaders(res: Response, expected: Expected, what: string): void {
  expect(res.status, what).toBe(expected.status);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp.get('default-src'), what).toBe("'none'");
  expect(csp.get('base-uri'), what).toBe("'none'");
  expect(csp.get('form-action'), what).toBe(expected.form ? "'self'" : "'none'");
  expect(csp.get('style-src'), what).toBe("'self'");
  expect(csp.get('script-src'), what).toBe(expected.scripts ? "'self'" : "'none'");
  if (expected.teams) expect(csp.get('frame-ancestors'), what).toMatch(TEAMS_FRAME);
  else expect(csp.get('frame-ancestors'), what).toBe("'self'");
  if (expected.personal) expect(res.headers.get('cache-control'), what).toBe('no-store');
}

/** One server for the file, and one visitor with a profile whose report and export links the pages use. */
const ctx = useTestServer({ once: true });
let reportLink: string;
let exportLink: string;
let resumeLink: string;
let calendarLink: string;

beforeAll(async () => {
  const { client } = await ctx.visitor();
  await onboardOnWeb(client);
  const links = async (text: string) => (await client.ask(text)).flatMap((f) => f.cards ?? []).map((c) => c.url ?? '');
  reportLink = (await links('mon bilan')).find((u) => u.includes('/bilan/'))!;
  exportLink = (await links('mes données')).find((u) => u.includes('/mes-donnees/'))!;
  resumeLink = (await links('reprendre sur un autre appareil')).find((u) => u.includes('/reprendre/'))!;
  await subscribeToJeudisOnWeb(client);
  calendarLink = (await links('jeudis')).find((u) => u.includes('/agenda/'))!;
});

describe('every page the server sends has the same security headers (one page helper)', () => {
  const pages: Array<[string, () => string, Expected]> = [
    ['the web chat', () => '/', { status: 200, scripts: true }],
    ['the privacy page', () => '/confidentialite', { status: 200, scripts: false }],
    ['the report page', () => reportLink, { status: 200, scripts: true, personal: true }],
    ['a forged report link', () => '/bilan/forged.link', { status: 404, scripts: false, personal: true }],
    ['the data page', () => exportLink, { status: 200, scripts: false, personal: true }],
    ['the data export (JSON)', () => `${exportLink}/json`, { status: 200, scripts: false, personal: true }],
    ['a forged export link', () => '/mes-donnees/forged.link', { status: 404, scripts: false, personal: true }],
    ['a forged export link (JSON)', () => '/mes-donnees/forged.link/json', { status: 404, scripts: false, personal: true }],
    ['the calendar feed', () => calendarLink, { status: 200, scripts: false, personal: true }],
    ['a forged calendar link', () => '/agenda/forged.link.ics', { status: 404, scripts: false, personal: true }],
    ['the service worker', () => '/sw.js', { status: 200, scripts: true }],
    ['the Web Push key', () => '/push/cle', { status: 200, scripts: false }],
    ['a resume link (its confirmation)', () => resumeLink, { status: 200, scripts: false, personal: true, form: true }],
    ['a forged resume link', () => '/reprendre/forged.link', { status: 404, scripts: false, personal: true }],
    ['the Teams tab', () => '/teams/bilan', { status: 200, scripts: true, teams: true, personal: true }],
    ['the Teams tab content, without a registration', () => '/teams/bilan/contenu', { status: 503, scripts: true, teams: true, personal: true }],
    ['the tab script', () => '/teams/assets/tab.js', { status: 200, scripts: true, teams: true, personal: true }],
    ['a page that does not exist', () => '/nulle-part', { status: 404, scripts: false, personal: true }],
    ['an asset', () => '/assets/chat.css', { status: 200, scripts: false }],
  ];

  it.each(pages)('%s', async (what, path, expected) => {
    const res = await fetch(new URL(path(), ctx.url));
    expectPageHeaders(res, expected, what);
  });

  it('the refusals too: too many new visitors from one address, too many requests', async () => {
    const dir = tempDir();
    const strict = await startTestServer(dir.dir, { NEW_VISITORS_BURST: '1', NEW_VISITORS_PER_MINUTE: '1', HTTP_REQUESTS_PER_SECOND: '1' });
    try {
      expect((await fetch(strict.url)).status).toBe(200);
      expectPageHeaders(await fetch(strict.url), { status: 429, scripts: false, personal: true }, 'new visitors refused');
      // The burst is 10 seconds' worth: the 11th request or so is refused.
      let res = await fetch(new URL('/confidentialite', strict.url));
      for (let i = 0; i < 50 && res.status === 200; i++) res = await fetch(new URL('/confidentialite', strict.url));
      expectPageHeaders(res, { status: 429, scripts: false, personal: true }, 'requests refused');
    } finally {
      await strict.close();
      dir.cleanup();
    }
  });
});
