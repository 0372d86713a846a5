import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/app/start-server.js';
import { content } from './helpers/conversation.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { cards, onboardInTeams, TeamsUser, text } from './helpers/teams-client.js';
import { startTeamsServer } from './helpers/teams-server.js';
import { tempDir } from './helpers/temp-dir.js';

let connector: FakeConnector;
let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let endpoint: string;

beforeAll(async () => {
  connector = await FakeConnector.start();
});
afterAll(() => connector.close());
beforeEach(async () => {
  tmp = tempDir();
  server = await startTeamsServer(tmp.dir);
  endpoint = new URL('/api/messages', server.url).toString();
  connector.clear();
});
afterEach(async () => {
  await server.close();
  tmp.cleanup();
});

describe('a Teams user who erases their data', () => {
  it('starts afresh at their next message (their account cannot change), and their old links stay dead', async () => {
    const user = new TeamsUser(endpoint, connector);
    await onboardInTeams(user);
    const exported = cards((await user.say('mes données')).replies).find((c) => c.link?.url.includes('/mes-donnees/'));
    const link = exported!.link!.url;
    expect((await fetch(link)).status).toBe(200);

    await user.say('supprimer mes données');
    await user.press(content.ui.labels.eraseConfirm);
    const [id] = server.store.ids();
    expect(id).toBeUndefined();
    expect((await fetch(link)).status).toBe(404);

    // The same Entra account writes again: a new conversation, not an error.
    const again = await user.say('bonjour');
    expect(text(again.replies)).not.toMatch(/erreur|problème/i);
    expect(text(again.replies)).toMatch(/type d'organisation|Quel type|organisation/i);
    expect(server.store.ids()).toHaveLength(1);
    expect(server.store.get(server.store.ids()[0]!)!.profile.actor).toBeUndefined();
    // The link issued to the erased record opens nothing of the new one.
    expect((await fetch(link)).status).toBe(404);
  });
});
