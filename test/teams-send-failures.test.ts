import { AppCredentials, type AuthenticatorResult } from 'botframework-connector';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { OUTBOUND_TOKEN } from './helpers/fake-connector.js';
import { APP_ID } from './helpers/registered-server.js';
import { onboardInTeams, type TeamsUser, text, type PostResult } from './helpers/teams-client.js';
import { closedPort, watchUnhandledRejections } from './helpers/teams-server.js';
import { useTeamsServer } from './helpers/test-server.js';

const ctx = useTeamsServer({ lazy: true, logs: true });
let rejections: ReturnType<typeof watchUnhandledRejections>;
beforeEach(() => {
  rejections = watchUnhandledRejections();
});
afterEach(() => rejections.stop());

/**
 * The answer to a request, or status 0 if none came within 15 s: a turn whose send failed used to
 * leave the request hanging (Botkit's turn never settles) after an unhandled rejection.
 */
function within(request: Promise<PostResult>): Promise<PostResult> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<PostResult>((resolve) => (timer = setTimeout(() => resolve({ status: 0, replies: [] }), 15_000)));
  return Promise.race([request, hung]).finally(() => clearTimeout(timer));
}

/** Lets a rejection nobody handled reach the process's listeners before the test looks. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function recordOf(user: TeamsUser) {
  return (await ctx.server.store.read(user.recordId));
}

function notDelivered() {
  return ctx.logs.find(/teams reply not delivered/);
}

describe('a Teams reply that cannot be delivered', { timeout: 30_000 }, () => {
  it('to a serviceUrl on a closed local port (development mode): logged, the turn saved, the process keeps serving', async () => {
    await ctx.start();
    const port = await closedPort();
    const lost = ctx.user();
    const { status } = await within(lost.post(lost.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:00000000-0000-0000-0000-0000000000b0' }], serviceUrl: `http://127.0.0.1:${port}/` })));
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);

    const [line] = notDelivered();
    expect(line).toMatchObject({ userId: lost.recordId, conversation: lost.conversationId, activityType: 'conversationUpdate', code: 'ECONNREFUSED' });
    // The turn's change (where to reach the user) was saved although the welcome never left.
    expect((await recordOf(lost))?.teams?.reference.serviceUrl).toBe(`http://127.0.0.1:${port}/`);

    const other = ctx.user();
    expect(text((await other.install()).replies)).toMatch(/Compagnon ODD 17/);
  });

  it.each([403, 404, 429, 500])('refused by the connector with %i: logged with the status, the answer kept, another user still answered', async (refusal) => {
    await ctx.start();
    const user = ctx.user();
    await user.install();
    // The SDK retries 429 and 5xx by itself (3 times): refuse every attempt.
    ctx.connector.failNext(user.conversationId, ...Array.from({ length: 4 }, () => ({ status: refusal, retryAfter: '0' })));
    const { status } = await within(user.say('diagnostic'));
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);
    expect(ctx.connector.refused.length).toBeGreaterThanOrEqual(1);

    const [line] = notDelivered();
    expect(line).toMatchObject({ userId: user.recordId, conversation: user.conversationId, activityType: 'message', status: refusal });
    // Never the request (its headers carry the bot's token) in the log.
    expect(JSON.stringify(ctx.logs.lines)).not.toMatch(/authorization|Bearer/i);
    await ctx.server.store.flush();
    // The turn's change was saved although its reply never left: the diagnosis is under way
    // (first the profile it needs, which this user has not given yet).
    expect((await recordOf(user))?.dialogStack.at(-1)).toMatchObject({ dialog: 'profile', data: { next: 'diagnosis' } });

    const other = ctx.user();
    expect(text((await other.install()).replies)).toMatch(/Compagnon ODD 17/);
  });

  it('when the introduction in a group chat is refused', async () => {
    await ctx.start();
    const member = ctx.user({ conversationType: 'groupChat', conversationId: '19:refused@thread.v2' });
    ctx.connector.failNext(member.conversationId, { status: 403 });
    const { status } = await within(member.install());
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);
    expect(notDelivered()[0]).toMatchObject({ conversation: member.conversationId, activityType: 'conversationUpdate', status: 403 });
    expect(text((await member.mention('aide')).replies)).toMatch(/guider pas à pas/);
  });

  it('when the app is removed while the connector is down, the reference is still forgotten', async () => {
    await ctx.start();
    const user = ctx.user();
    await user.install();
    const port = await closedPort();
    const { status } = await within(user.post(user.activity({ type: 'installationUpdate', action: 'remove', serviceUrl: `http://127.0.0.1:${port}/` })));
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);
    expect((await recordOf(user))?.teams).toBeUndefined();
  });

  it('when the personal chat of a group member refuses the private answer, the group is told where to ask', async () => {
    await ctx.start();
    const personal = ctx.user();
    await onboardInTeams(personal);
    const member = ctx.user({ aadObjectId: personal.aadObjectId, conversationType: 'groupChat', conversationId: '19:group@thread.v2' });
    ctx.connector.failNext(personal.conversationId, { status: 403 });
    const { status, replies } = await within(member.mention('bilan'));
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);
    expect(text(replies)).toMatch(/Ouvrez une conversation avec moi/);
    expect(notDelivered()[0]).toMatchObject({ conversation: personal.conversationId, status: 403 });
  });
});

/** Outbound credentials whose token request fails while `failing` is set (Entra unreachable, secret revoked). */
class FlakyCredentials extends AppCredentials {
  static failing = true;
  override getToken(): Promise<string> {
    return FlakyCredentials.failing ? Promise.reject(new Error('AADSTS7000215: Invalid client secret provided.')) : Promise.resolve(OUTBOUND_TOKEN);
  }
  protected refreshToken(): Promise<AuthenticatorResult> {
    return this.getToken().then((accessToken) => ({ accessToken, expiresOn: new Date(Date.now() + 3600_000) }));
  }
}

describe('a Teams reply whose Entra token cannot be had (registered bot)', { timeout: 30_000 }, () => {
  it('is logged; the turn is saved; once the token comes back, users are answered', async () => {
    FlakyCredentials.failing = true;
    await ctx.start({ registered: true, teamsCredentials: (appId, _p, tenant, scope) => new FlakyCredentials(appId, tenant, scope) });
    const user = ctx.user({ appId: APP_ID });
    const { status, replies } = await within(user.install());
    await settle();
    expect(rejections.reasons).toEqual([]);
    expect(status).toBe(200);
    expect(replies).toEqual([]);
    expect(notDelivered()[0]).toMatchObject({ userId: user.recordId, activityType: 'conversationUpdate' });
    expect(String(notDelivered()[0]?.error)).toMatch(/AADSTS7000215/);
    expect((await recordOf(user))?.teams?.reference.conversation.id).toBe(user.conversationId);

    FlakyCredentials.failing = false;
    const other = ctx.user({ appId: APP_ID });
    const answered = await other.install();
    expect(text(answered.replies)).toMatch(new RegExp(content.teamsApp.name.short));
  });
});
