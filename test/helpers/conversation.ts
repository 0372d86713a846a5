import path from 'node:path';
import { pino } from 'pino';
import { createTurnHandler } from '../../src/app/create-turn-handler.js';
import type { TurnHandler } from '../../src/conversation/turn-handler.js';
import type { ExtraDialog } from '../../src/conversation/dialog-types.js';
import type { OutMessage } from '../../src/domain/out-message.js';
import { createTemplateRenderer, type RenderTemplate } from '../../src/infra/templates/render-template.js';
import { SignedLinks } from '../../src/services/signed-links.js';
import { UserStore } from '../../src/infra/storage/user-store.js';
import { testClock, type TestClock } from './clock.js';
import { CONTENT_DIR, content } from './content.js';

export { CONTENT_DIR, content };
export const testReportLinks = new SignedLinks(Buffer.from('test-secret-test-secret-test-secret'), 3600_000);

/**
 * One store per data directory, as a server has: the conversations of a test that share a
 * directory (two users pairing, walkers one after the other) share its store. Two stores on one
 * directory would each rewrite its data file (the server refuses a second one with its lock).
 */
const stores = new Map<string, Promise<UserStore>>();
async function storeFor(dataDir: string, now: () => Date, maxRecordBytes?: number): Promise<UserStore> {
  const key = `${path.resolve(dataDir)}\u0000${maxRecordBytes ?? ''}`;
  const known = await stores.get(key)?.catch(() => undefined);
  if (known && !known.isClosed) return known;
  const opening = UserStore.open(dataDir, { flushDelayMs: 0, now, ...(maxRecordBytes ? { maxRecordBytes } : {}) });
  stores.set(key, opening);
  return opening;
}

/**
 * Drives the real turn pipeline (commands, dialogs, storage) in-process, as a channel would,
 * and keeps what the bot said so tests can press the buttons it offered.
 */
export class Conversation {
  transcript: OutMessage[] = [];

  private constructor(
    readonly turns: TurnHandler,
    readonly store: UserStore,
    readonly userId: string,
  ) {}

  /** `now`: the day of the conversation (default TEST_NOW, never the machine's date). */
  /**
   * `keepsHistory`: which channels keep a conversation history (the server's rule when absent: the
   * web chat's); `maxRecordBytes`: the store's cap on a record.
   */
  static async open(
    dataDir: string,
    options: { extraDialogs?: ExtraDialog[]; userId?: string; now?: TestClock; render?: RenderTemplate; keepsHistory?: (channel: string) => boolean; maxRecordBytes?: number } = {},
  ): Promise<Conversation> {
    const now = testClock(options.now);
    const store = await storeFor(dataDir, now, options.maxRecordBytes);
    const turns = createTurnHandler({
      now,
      content,
      render: options.render ?? createTemplateRenderer(CONTENT_DIR),
      store,
      logger: pino({ level: 'silent' }),
      maxTextLength: 2000,
      reportUrl: (userId, now) => `http://127.0.0.1:3978/bilan/${testReportLinks.issue(userId, now)}`,
      extraDialogs: options.extraDialogs,
      ...(options.keepsHistory ? { keepsHistory: options.keepsHistory } : {}),
    });
    return new Conversation(turns, store, options.userId ?? 'user-1');
  }

  /** Another user of the same bot (same store), e.g. the partner in a pairing. */
  otherUser(userId: string): Conversation {
    return new Conversation(this.turns, this.store, userId);
  }

  async connect(): Promise<OutMessage[]> {
    return this.record(await this.turns.handle(this.userId, 'test', { kind: 'connect' }));
  }

  async say(text: string, value?: string): Promise<OutMessage[]> {
    return this.record(await this.turns.handle(this.userId, 'test', { kind: 'message', text, value }));
  }

  /** Presses the button of the last message whose label matches (as a person clicking it). */
  async press(label: string | RegExp): Promise<OutMessage[]> {
    const choices = this.choices();
    const choice = choices.find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
    if (!choice) throw new Error(`No button ${String(label)} among: ${choices.map((c) => c.label).join(' | ')}`);
    return this.say(choice.label, choice.value);
  }

  /** Buttons offered by the last message that offered any. */
  choices() {
    return [...this.transcript].reverse().find((m) => m.choices.length > 0)?.choices ?? [];
  }

  lastText(): string {
    return this.transcript.at(-1)?.text ?? '';
  }

  /** The user's record as the store holds it after the last turn (in memory: a test stays far under the cache's size). */
  user() {
    return this.store.cached(this.userId);
  }

  /** Keeps replies with plain spaces: tests assert wording; typography has its own test. */
  private record(replies: OutMessage[]): OutMessage[] {
    const plain = replies.map((m) => ({
      ...m,
      text: plainSpaces(m.text),
      choices: m.choices.map((c) => ({ ...c, label: plainSpaces(c.label) })),
      cards: m.cards.map((c) => ({ ...c, text: c.text && plainSpaces(c.text) })),
    }));
    this.transcript.push(...plain);
    return plain;
  }
}

export const plainSpaces = (s: string) => s.replace(/\u00a0/g, ' ');

export const allText = (messages: OutMessage[]) => messages.map((m) => m.text).join('\n---\n');

/**
 * Everything a reader of these messages can read, what they unfold included: each message's text
 * and detail, its cards' titles, lines and details.
 */
export const readableText = (messages: OutMessage[]) =>
  messages
    .map((m) => [m.text, m.detail, ...m.cards.flatMap((c) => [c.title, c.subtitle, c.text, c.detail])].filter(Boolean).join('\n'))
    .join('\n---\n');
