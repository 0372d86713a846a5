import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { ManifestUtil } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../src/channels/teams/app-package/build-package.js';
import { MANIFEST_VERSION } from '../src/channels/teams/app-package/build-manifest.js';
import { commandNamed, PUBLIC_COMMANDS } from '../src/channels/teams/public-commands.js';
import { loadConfig } from '../src/infra/config/load-config.js';
import { content } from './helpers/conversation.js';
import { readPng } from './helpers/png.js';
import { tempDir } from './helpers/temp-dir.js';

const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const settings = {
  teamsAppId: APP_ID,
  botAppId: APP_ID,
  publicUrl: 'https://compagnon.example.org',
  appIdUri: `api://compagnon.example.org/${APP_ID}`,
  version: '0.1.0',
};

/** The official JSON schema of the manifest version we write, from Microsoft's package (no network). */
function officialSchema() {
  const pkg = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  const file = path.join(path.dirname(pkg), 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
  // Same workaround as the package itself: one pattern of the schema uses \a, invalid in JS.
  const schema: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\x07'));
  return schema as never;
}

function unpack() {
  return unzipSync(buildPackage(content.teamsApp, settings, content.ui.commands).zip);
}

describe('the Teams app package', () => {
  it('holds exactly the manifest and the two icons at its root', () => {
    expect(Object.keys(unpack()).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has a manifest valid against the official Teams schema', async () => {
    const manifest = JSON.parse(Buffer.from(unpack()['manifest.json']!).toString('utf8'));
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, officialSchema())).toEqual([]);
  });

  it('is checked by a validator that does reject a broken manifest', async () => {
    const manifest = JSON.parse(Buffer.from(unpack()['manifest.json']!).toString('utf8'));
    manifest.name.short = 'Un nom bien trop long pour le champ court de Teams';
    delete manifest.developer.privacyUrl;
    const errors = await ManifestUtil.validateManifestAgainstSchema(manifest, officialSchema());
    expect(errors.join('\n')).toMatch(/\/name\/short/);
    expect(errors.join('\n')).toMatch(/privacyUrl/);
  });

  it('declares the bot (personal first), its commands, the « Mon bilan » tab, the domain and SSO', () => {
    const manifest = JSON.parse(Buffer.from(unpack()['manifest.json']!).toString('utf8'));
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes[0]).toBe('personal');
    expect(manifest.bots[0].commandLists[0].scopes).toEqual(['personal']);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      'menu',
      'diagnostic',
      'méthode',
      'question',
      'aide',
      'jeudis',
      'bilan',
    ]);
    const tab = manifest.staticTabs.find((t: { entityId: string }) => t.entityId === content.teamsApp.tab.entityId);
    expect(tab).toMatchObject({ name: 'Mon bilan', contentUrl: 'https://compagnon.example.org/teams/bilan', scopes: ['personal'] });
    expect(manifest.validDomains).toEqual(['compagnon.example.org']);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: settings.appIdUri });
    expect(manifest.developer.privacyUrl).toBe('https://compagnon.example.org/confidentialite');
    // Teams shows the app in French: every text of the manifest is French.
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'fr-FR' });
  });

  it('lists in team and group chats only the commands whose answer holds nothing personal', () => {
    const manifest = JSON.parse(Buffer.from(unpack()['manifest.json']!).toString('utf8'));
    const lists = manifest.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    expect(lists).toHaveLength(2);
    expect(lists[1]!.scopes).toEqual(['team', 'groupChat']);
    expect(lists[1]!.commands.map((c) => c.title)).toEqual(['menu', 'question', 'aide']);
    // Every scope the bot declares has its list; none of the public ones names a personal command.
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual([...manifest.bots[0].scopes].sort());
    for (const { title } of lists[1]!.commands) expect(PUBLIC_COMMANDS.has(commandNamed(title, content.ui.commands) ?? ''), title).toBe(true);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon drawn in white on transparent', () => {
    const files = unpack();
    const color = readPng(files['color.png']!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(files['outline.png']!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a !== 0) expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(outline.pixels.some((v, i) => i % 4 === 3 && v === 0)).toBe(true);
  });
});

describe('npm run teams:package', () => {
  const cli = path.resolve('src/cli/teams-package-cli.ts');
  const run = promisify(execFile);
  const env = { ...process.env, LOG_LEVEL: 'silent', MicrosoftAppId: '', MicrosoftAppPassword: '', PUBLIC_URL: '' };

  it('writes the zip from the environment settings', async () => {
    const tmp = tempDir();
    try {
      const out = path.join(tmp.dir, 'app.zip');
      const { stdout } = await run('npx', ['tsx', cli, out], {
        env: { ...env, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', PUBLIC_URL: 'https://compagnon.example.org' },
      });
      expect(stdout).toMatch(/Paquet Teams écrit/);
      const manifest = JSON.parse(Buffer.from(unzipSync(readFileSync(out))['manifest.json']!).toString('utf8'));
      expect(manifest.id).toBe(APP_ID);
    } finally {
      tmp.cleanup();
    }
  });

  it('needs no bot secret: packaging writes no secret, only the server signs in (it still requires one)', async () => {
    const tmp = tempDir();
    try {
      const out = path.join(tmp.dir, 'app.zip');
      const { stdout } = await run('npx', ['tsx', cli, out], { env: { ...env, MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://compagnon.example.org' } });
      expect(stdout).toMatch(/Paquet Teams écrit/);
      expect(existsSync(out)).toBe(true);
      expect(() => loadConfig({ MicrosoftAppId: APP_ID, PUBLIC_URL: 'https://compagnon.example.org' })).toThrow(/MicrosoftAppPassword="" : est requis/);
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses, in French, to build a package without a bot id or an https address', async () => {
    const tmp = tempDir();
    const out = path.join(tmp.dir, 'app.zip');
    const failure = await run('npx', ['tsx', cli, out], { env: { ...env, PUBLIC_URL: 'http://localhost:3978' } }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toMatch(/MicrosoftAppId est requis/);
    expect((failure as { stderr: string }).stderr).toMatch(/https/);
    expect(existsSync(out)).toBe(false);
    tmp.cleanup();
  });
});
