import type { Logger } from 'pino';
import type { Content } from '../content/content.js';
import type { DialogRunner } from './dialog-runner.js';
import type { AnytimeCommand, BotServices, CommandApi, ConversationHooks, Intercept, TurnInput } from './dialog-types.js';
import { isCommand } from '../domain/diagnosis/match-answer.js';
import { message, type OutMessage } from '../domain/out-message.js';
import type { RenderTemplate } from '../domain/render-template.js';
import type { QuestionsApi, RecordTx, UserRecords } from './ports.js';
import { newUserRecord, type UserRecord } from '../domain/user-record.js';
import { explainInMessages } from '../domain/explain-in-messages.js';
import { shapeMessages } from '../domain/message-parts.js';
import { readButtonValue } from '../domain/button-values.js';
import type { Clock } from '../domain/clock.js';
import { appendHistory, historyItems, keptEntry, type HistoryItem } from '../domain/conversation-history.js';
import { withoutControls } from '../text/without-controls.js';

/** What a channel hands to a turn: a message, or a (re)connection. */
export type Inbound = { kind: 'message'; text: string; value?: string } | { kind: 'connect' };

/** A channel's change to the user's record made inside the turn, so that it is saved with it. */
export type RecordUpdate = (user: UserRecord) => void;

export interface TurnHandlerDeps {
  content: Content;
  render: RenderTemplate;
  records: UserRecords;
  runner: DialogRunner;
  commands: AnytimeCommand[];
  hooks: ConversationHooks;
  services: BotServices;
  questions: QuestionsApi;
  logger: Logger;
  maxTextLength: number;
  now: Clock;
  /**
   * Erasure asked for during a turn (« supprimer mes données »): `take` says (once) whether it was,
   * `after` runs once the erasure is saved (the channel ends the session).
   */
  erasure?: { take(userId: string): boolean; requested(userId: string): boolean; after(userId: string): void };
  /**
   * Whether the conversation is kept in the user's record to be shown again (see
   * conversation-history.ts): on the web chat, not in Teams, whose chat keeps its own. Default: never.
   */
  keepsHistory?: (channel: string) => boolean;
}

/** What a turn gathers for the history besides its replies (see TurnHandler.remember). */
interface TurnNotes {
  /** Secrets the turn gave (a resume code and its link): the history keeps « •••• » instead. */
  secrets: string[];
  /** Messages said before the turn's replies that the history keeps too (prompts shown at a return). */
  kept: OutMessage[];
}

/**
 * One turn of conversation, whatever the channel: reads the user's record, lets the anytime
 * commands or the dialog under way answer, and saves the record only if the turn succeeded,
 * so that a failing dialog step loses nothing the user had given before.
 */
export class TurnHandler {
  private readonly now: Clock;
  private readonly notes = new WeakMap<RecordTx, TurnNotes>();

  constructor(private readonly deps: TurnHandlerDeps) {
    this.now = deps.now;
  }

  /**
   * `history`: told, before the turn, the conversation kept so far as the user saw it (a page
   * loaded again shows it before this turn's replies); the same read as the turn's, under the
   * user's lock.
   */
  handle(userId: string, channel: string, inbound: Inbound, update?: RecordUpdate, history?: (items: HistoryItem[]) => void): Promise<OutMessage[]> {
    return this.deps.records
      .update(userId, (tx) => {
        history?.(historyItems(tx.stored?.history ?? []));
        return this.run(tx, userId, channel, inbound, update);
      })
      .catch(async (err: unknown) => {
        // The write itself failed (a full or read-only disk, a database out of reach): nothing of the turn was saved.
        this.deps.erasure?.take(userId);
        this.deps.logger.error({ err, userId, channel }, 'turn not saved');
        const unreachable = err instanceof Error && err.name === 'StorageUnavailableError';
        // The record as stored, if it can be read now (from memory, when the storage is out of reach).
        const stored = await this.deps.records.read(userId).catch(() => undefined);
        return this.recover(stored, unreachable ? 'errors/unavailable' : 'errors/internal');
      })
      .then((replies) => explainInMessages(shapeMessages(replies), this.deps.content.glossary.acronyms));
  }

  private run(tx: RecordTx, userId: string, channel: string, inbound: Inbound, update?: RecordUpdate): OutMessage[] {
    const stored = tx.stored;
    const user = stored ?? newUserRecord(userId, channel, this.now());
    try {
      // A web identity ends with its erasure (the page gets a new one); a Teams account cannot
      // change, so its owner starts afresh.
      if (!stored && channel !== 'web' && this.deps.records.wasErased(userId)) tx.reopen();
      update?.(user);
      // A visitor who only opened the page is not stored: their first real message is, with the
      // welcome they were shown replayed first (the same dialog state, nothing said twice).
      const secret = inbound.kind === 'message' && this.deps.runner.expectsSecret(user);
      const welcome = !stored && inbound.kind === 'message' ? this.turn(tx, user, { kind: 'connect' }, true) : [];
      const replies = this.turn(tx, user, inbound, stored === undefined);
      if (!stored && inbound.kind === 'connect' && !update) {
        tx.discard();
        return replies;
      }
      if (this.deps.erasure?.take(userId)) {
        // Nothing else of this turn is kept: the erasure is its only write.
        tx.discard();
        tx.erase(this.now());
        tx.afterCommit(() => {
          this.deps.logger.info({ channel }, 'user data erased at the user’s request');
          this.deps.erasure?.after(userId);
        });
        return replies;
      }
      if (this.deps.keepsHistory?.(channel)) this.remember(tx, user, inbound, secret, welcome, replies);
      user.updatedAt = this.now().toISOString();
      tx.save(user);
      return replies;
    } catch (err) {
      tx.discard();
      this.deps.erasure?.take(userId);
      // The record would have grown past the store's cap (RecordTooLargeError of the store,
      // told by its name): nothing was written; say so plainly, then the pending question.
      if (err instanceof Error && err.name === 'RecordTooLargeError') {
        const { bytes, limit } = err as Error & { bytes?: number; limit?: number };
        this.deps.logger.error(
          { err, userId, channel, bytes, limit, dialog: user.dialogStack.at(-1)?.dialog, step: user.dialogStack.at(-1)?.step },
          'turn refused: user record too large',
        );
        return [message(this.deps.render('errors/record-too-large')), ...this.recover(tx.reread()).slice(1)];
      }
      this.deps.logger.error(
        { err, userId, channel, dialog: user.dialogStack.at(-1)?.dialog, step: user.dialogStack.at(-1)?.step },
        'turn failed',
      );
      // `stored` is the copy this turn changed: the stored record is read again, as it was.
      return this.recover(tx.reread());
    }
  }

  /**
   * Adds this turn to the user's history, as the user saw it: the welcome replayed for a new
   * user, the messages a return showed (`kept`), what the user said (« •••• » at a step that
   * takes a secret) and the replies, secrets hidden. A connection keeps only what it showed of
   * the user's own (its « Bon retour » is said again at every return).
   */
  private remember(tx: RecordTx, user: UserRecord, inbound: Inbound, secret: boolean, welcome: OutMessage[], replies: OutMessage[]): void {
    const { secrets, kept } = this.notesOf(tx);
    const at = this.now().toISOString();
    const shown = (messages: OutMessage[]) => explainInMessages(shapeMessages(messages), this.deps.content.glossary.acronyms);
    const entries = [
      ...(welcome.length > 0 ? [keptEntry({ at, replies: shown(welcome) }, secrets)] : []),
      ...(kept.length > 0 ? [keptEntry({ at, replies: shown(kept) }, secrets)] : []),
      ...(inbound.kind === 'message' ? [keptEntry({ at, said: inbound.text, secret, replies: shown(replies) }, secrets)] : []),
    ];
    if (entries.length > 0) user.history = appendHistory(user.history, entries);
  }

  private notesOf(tx: RecordTx): TurnNotes {
    let notes = this.notes.get(tx);
    if (!notes) this.notes.set(tx, (notes = { secrets: [], kept: [] }));
    return notes;
  }

  /** Waits for the turns under way (graceful shutdown). */
  idle(): Promise<void> {
    return this.deps.records.idle();
  }

  private turn(tx: RecordTx, user: UserRecord, inbound: Inbound, isNewUser: boolean): OutMessage[] {
    const api = this.api(user, tx);
    const out: OutMessage[] = [];
    if (!this.deps.runner.restoreStack(user)) {
      this.deps.logger.warn({ userId: user.id, stack: user.dialogStack }, 'stored dialog stack no longer valid; reset');
      user.dialogStack = [];
      out.push(message(this.deps.render('errors/dialog-reset')));
    }

    if (inbound.kind !== 'message') return [...out, ...this.deps.hooks.onConnect(api, isNewUser)];

    const input: TurnInput = { text: withoutControls(inbound.text).trim(), value: inbound.value === undefined ? undefined : withoutControls(inbound.value) };
    if (input.text === '' && input.value === undefined) {
      return [...out, message(this.deps.render('errors/empty')), ...this.pending(api)];
    }
    if (input.text.length > this.deps.maxTextLength) {
      return [...out, message(this.deps.render('errors/too-long', { max: this.deps.maxTextLength })), ...this.pending(api)];
    }

    const { commands } = this.deps.content.ui;
    const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
    const intercept = this.intercept(tx, user);
    if (command) out.push(...command.run({ ...api, input }));
    else if (this.deps.runner.isActive(user)) out.push(...this.deps.runner.continue(this.services(tx), user, input, intercept));
    else out.push(...(intercept(input, 'unrecognised') ?? this.deps.hooks.onIdleText(api)));

    // Never leave the user without a question to answer (unless they just erased everything).
    if (!this.deps.runner.isActive(user) && !this.deps.erasure?.requested(user.id)) out.push(...api.begin(this.deps.hooks.homeDialog));
    return out;
  }

  /** After a failed turn: say so, and ask again the question that was pending before it. */
  private recover(stored: UserRecord | undefined, template = 'errors/internal'): OutMessage[] {
    const out = [message(this.deps.render(template))];
    if (!stored) return out;
    try {
      out.push(...this.deps.runner.reprompt(this.services(), structuredClone(stored)));
    } catch (err) {
      this.deps.logger.error({ err, userId: stored.id }, 'reprompt after failure failed');
    }
    return out;
  }

  /**
   * Answers what a step could not use: a button of an earlier answer (a topic, a 👍/👎), or a
   * typed question. While a strict question waits, only a text that reads as a question (« c'est
   * quoi un PTCE ? ») is taken as one; « 7 » or « bof » stay invalid answers to re-ask. The user's
   * profile (type of actor, its options, département) shapes answers asked « pour moi » or « près
   * de chez moi »; a public turn (Teams group chat) passes a blank record, so nothing of the asker's shows.
   */
  private intercept(tx: RecordTx, user?: UserRecord): Intercept {
    const now = this.now();
    const qa = this.deps.questions;
    const profile = user ? { actor: user.profile.actor, departement: user.profile.departement, options: user.profile.options } : undefined;
    // Logged questions and votes are writes of the turn: saved with it, or not at all.
    return (input, kind) => {
      const fromButton = qa.button(input.value, now, tx.writes);
      if (fromButton || input.value !== undefined) return fromButton;
      if (kind === 'invalid' && !qa.isQuestion(input.text)) return undefined;
      return qa.answer(input.text, now, { confidentOnly: false, profile, log: tx.writes });
    };
  }

  private pending(api: CommandApi): OutMessage[] {
    return api.activeDialog() ? api.reprompt() : [];
  }

  /** What dialogs use; in a turn, the pairing writes into the turn's writes. */
  private services(tx?: RecordTx) {
    const services = tx
      ? {
          ...this.deps.services,
          pairing: this.deps.services.pairing.within(tx.writes),
          resume: this.deps.services.resume.within(tx, (secret) => void this.notesOf(tx).secrets.push(secret)),
        }
      : this.deps.services;
    return { content: this.deps.content, render: this.deps.render, services, now: this.now() };
  }

  private api(user: UserRecord, tx?: RecordTx): CommandApi {
    const services = this.services(tx);
    const runner = this.deps.runner;
    return {
      ctx: { ...services, user },
      activeDialog: () => runner.activeDialog(user),
      begin: (id, args) => runner.begin(services, user, id, args),
      interject: (id, args) => runner.interject(services, user, id, args),
      reprompt: () => runner.reprompt(services, user),
      remind: () => runner.remindPending(services, user),
      keepInHistory: (messages) => void (tx && this.notesOf(tx).kept.push(...messages)),
    };
  }

  /**
   * Whether a message can be answered where others read the replies (a Teams team or group chat)
   * without reading, showing or changing anything of this user's: an empty or over-long text, an
   * anytime command of `publicCommands`, a button of a question's answer (a topic, a 👍/👎), a text
   * that reads as a question, or any text while no dialog of the user waits for an answer (the
   * menu aside). Anything else (a personal command, a card of a personal dialog, an answer to the
   * user's pending question) is not.
   */
  async isPublicInput(userId: string, inbound: Inbound, publicCommands: ReadonlySet<string>): Promise<boolean> {
    if (inbound.kind !== 'message') return false;
    const input: TurnInput = { text: withoutControls(inbound.text).trim(), value: inbound.value === undefined ? undefined : withoutControls(inbound.value) };
    if ((input.text === '' && input.value === undefined) || input.text.length > this.deps.maxTextLength) return true;
    const { commands } = this.deps.content.ui;
    const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
    if (command) return publicCommands.has(command.name);
    // The question answering's own buttons (see QuestionAnswering.button): a topic, a 👍/👎.
    if (input.value !== undefined) return ['qa-topic', 'feedback'].includes(readButtonValue(input.value).kind);
    if (this.deps.questions.isQuestion(input.text)) return true;
    const stored = await this.deps.records.read(userId);
    const pending = stored ? this.deps.runner.activeDialog(stored) : undefined;
    return pending === undefined || pending === this.deps.hooks.homeDialog;
  }

  /**
   * A turn for an input `isPublicInput` accepted, on a blank record that is neither read from nor
   * saved to the store: the replies hold nothing of the user's, and their dialogs do not move.
   */
  async handlePublic(userId: string, channel: string, inbound: Inbound): Promise<OutMessage[]> {
    // Under the user's lock like any write: a logged question is saved with the reply.
    const replies = await this.deps.records.update(userId, (tx) => this.publicReplies(tx, userId, channel, inbound));
    return explainInMessages(shapeMessages(replies), this.deps.content.glossary.acronyms);
  }

  private publicReplies(tx: RecordTx, userId: string, channel: string, inbound: Inbound): OutMessage[] {
    if (inbound.kind !== 'message') return [];
    const user = newUserRecord(userId, channel, this.now());
    try {
      const api = this.api(user, tx);
      const input: TurnInput = { text: withoutControls(inbound.text).trim(), value: inbound.value === undefined ? undefined : withoutControls(inbound.value) };
      if (input.text === '' && input.value === undefined) return [message(this.deps.render('errors/empty'))];
      if (input.text.length > this.deps.maxTextLength) return [message(this.deps.render('errors/too-long', { max: this.deps.maxTextLength }))];
      const { commands } = this.deps.content.ui;
      const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
      if (command) return command.run({ ...api, input });
      return this.intercept(tx)(input, 'unrecognised') ?? [...this.deps.hooks.onIdleText(api), ...api.begin(this.deps.hooks.homeDialog)];
    } catch (err) {
      tx.discard();
      this.deps.logger.error({ err, channel }, 'public turn failed');
      return [message(this.deps.render('errors/internal'))];
    }
  }
}
