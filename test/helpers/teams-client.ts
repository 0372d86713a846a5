import { randomUUID } from 'node:crypto';
import { content } from './content.js';
import type { CardElement, FakeConnector, SentActivity } from './fake-connector.js';

export const BOT_ID = '28:00000000-0000-0000-0000-0000000000b0';
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT_NAME = 'Compagnon ODD 17';

export interface TeamsUserOptions {
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  /** Signs each request with a channel token for this app id (authenticated mode). */
  appId?: string;
}

export interface PostResult {
  status: number;
  replies: SentActivity[];
}

export interface Button {
  title: string;
  data: Record<string, unknown>;
}

/**
 * A Teams user talking to the bot through the real endpoint, the way Teams would post: activity
 * shapes as Teams sends them, Adaptive Card presses as messageBack, replies read from the fake
 * connector.
 */
export class TeamsUser {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly fromId: string;
  private last: SentActivity[] = [];

  constructor(
    /** The endpoint, or where to read it at each post (a test server restarted on a new port). */
    private readonly endpoint: string | (() => string),
    private readonly connector: FakeConnector,
    private readonly options: TeamsUserOptions = {},
  ) {
    this.aadObjectId = options.aadObjectId ?? randomUUID();
    this.tenantId = options.tenantId ?? TENANT;
    this.fromId = `29:${this.aadObjectId}`;
    this.conversationId = options.conversationId ?? `a:personal-${this.aadObjectId}`;
  }

  /** The id of this user's record in the store (one per Entra account, whatever the conversation). */
  get recordId(): string {
    return `msteams:${this.tenantId}:${this.aadObjectId}`;
  }

  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const type = this.options.conversationType ?? 'personal';
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: { id: this.fromId, name: this.options.name ?? 'Camille', aadObjectId: this.aadObjectId },
      recipient: { id: BOT_ID, name: BOT_NAME },
      conversation: { id: this.conversationId, conversationType: type, tenantId: this.tenantId, isGroup: type !== 'personal' },
      channelData: { tenant: { id: this.tenantId } },
      locale: 'fr-FR',
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<PostResult> {
    const before = this.connector.sent.length;
    const auth: Record<string, string> = this.options.appId
      ? { Authorization: `Bearer ${await this.connector.channelToken(this.options.appId)}` }
      : {};
    const res = await fetch(typeof this.endpoint === 'string' ? this.endpoint : this.endpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth, ...headers },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
    const replies = this.connector.sent.slice(before).filter((s) => s.conversationId === this.conversationId);
    this.last = replies;
    return { status: res.status, replies };
  }

  install(): Promise<PostResult> {
    return this.post(this.activity({ type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] }));
  }

  say(text: string, extra: Record<string, unknown> = {}): Promise<PostResult> {
    return this.post(this.activity({ type: 'message', text, textFormat: 'plain', ...extra }));
  }

  /** A message that @mentions the bot, as Teams sends it from a team or group chat. */
  mention(text: string, extra: Record<string, unknown> = {}): Promise<PostResult> {
    const at = `<at>${BOT_NAME}</at>`;
    return this.say(`${at} ${text}`, { entities: [{ type: 'mention', text: at, mentioned: { id: BOT_ID, name: BOT_NAME } }], ...extra });
  }

  /** Presses a button of the last card received, as Teams sends a messageBack. */
  press(title: RegExp | string): Promise<PostResult> {
    // Titles carry French no-break spaces (« 9 h »): compared with plain spaces, as a person reads them.
    const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
    const button = buttons(this.last).find((b) => (typeof title === 'string' ? plain(b.title) === title : title.test(plain(b.title))));
    if (!button) throw new Error(`no button ${String(title)} in ${JSON.stringify(buttons(this.last).map((b) => b.title))}`);
    const back = button.data.msteams as { displayText: string; text: string; value: string };
    return this.post(this.activity({ type: 'message', text: back.text, value: back.value }));
  }

  lastReplies(): SentActivity[] {
    return this.last;
  }
}

function walk(elements: CardElement[] | undefined, visit: (e: CardElement) => void): void {
  for (const e of elements ?? []) {
    visit(e);
    walk(e.items, visit);
  }
}

/** The submit buttons of the Adaptive Cards in these replies, in order. */
export function buttons(replies: SentActivity[]): Button[] {
  const out: Button[] = [];
  for (const r of replies) {
    for (const a of r.activity.attachments ?? []) {
      walk(a.content.body, (e) => {
        for (const action of e.actions ?? []) if (action.type === 'Action.Submit') out.push({ title: action.title, data: action.data ?? {} });
      });
    }
  }
  return out;
}

/** The tool cards (title, text blocks, link) of these replies. */
export function cards(replies: SentActivity[]): { title: string; texts: string[]; link?: { title: string; url: string } }[] {
  const out: { title: string; texts: string[]; link?: { title: string; url: string } }[] = [];
  for (const r of replies) {
    for (const a of r.activity.attachments ?? []) {
      for (const e of a.content.body) {
        if (e.type === 'Container') {
          const texts = (e.items ?? []).map((i) => i.text ?? '');
          out.push({ title: texts[0] ?? '', texts: texts.slice(1) });
        } else if (e.type === 'ActionSet' && e.actions?.some((action) => action.type === 'Action.OpenUrl')) {
          const last = out.at(-1);
          const open = e.actions.find((action) => action.type === 'Action.OpenUrl')!;
          if (last) last.link = { title: open.title, url: open.url ?? '' };
        }
      }
    }
  }
  return out;
}

/** All the text the user reads in these replies (message text, with Teams' non-breaking spaces as spaces). */
export function text(replies: SentActivity[]): string {
  return replies
    .map((r) => r.activity.text ?? '')
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The texts a « Lire la suite » (Action.ShowCard) of these replies unfolds. */
export function unfolded(replies: SentActivity[]): string[] {
  const out: string[] = [];
  for (const r of replies) {
    for (const a of r.activity.attachments ?? []) {
      walk(a.content.body, (e) => {
        for (const action of e.actions ?? []) {
          const shown = (action as { card?: { body?: CardElement[] } }).card?.body ?? [];
          if (action.type === 'Action.ShowCard') out.push(shown.map((b) => b.text ?? '').join('\n').replace(/[\u00a0\u202f]/g, ' '));
        }
      });
    }
  }
  return out;
}

/** What the user can read in these replies: their text, and what their « Lire la suite » unfold. */
export function readable(replies: SentActivity[]): string {
  return [text(replies), ...unfolded(replies)].join('\n');
}

/** Installs the app and answers the profile: an employing association of the Rhône (69). */
export async function onboardInTeams(user: TeamsUser): Promise<void> {
  await user.install();
  await user.press(/^Association/);
  await user.press(/employeuse/i);
  await user.say('1');
  await user.say('69');
}

/** Subscribes to the Thursday prompts at 9 h, from the personal chat. */
export async function subscribeToJeudisInTeams(user: TeamsUser): Promise<void> {
  await user.say('jeudis');
  await user.press(content.ui.labels.jeudisSubscribe);
  await user.press('9 h');
}

/** `count` new Teams users, each with a profile and subscribed to the Thursday prompts at 9 h. */
export async function subscribedTeamsUsers(newUser: () => TeamsUser, count: number): Promise<TeamsUser[]> {
  const users: TeamsUser[] = [];
  for (let i = 0; i < count; i++) {
    const user = newUser();
    await onboardInTeams(user);
    await subscribeToJeudisInTeams(user);
    users.push(user);
  }
  return users;
}
