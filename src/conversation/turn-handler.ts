import type { Logger } from 'pino';
import type { Content } from '../content/content.js';
import type { DialogRunner } from './dialog-runner.js';
import type { AnytimeCommand, BotServices, CommandApi, ConversationHooks, Intercept, TurnInput } from './dialog-types.js';
import { isCommand } from '../domain/diagnosis/match-answer.js';
import { message, type OutMessage } from '../domain/out-message.js';
import type { RenderTemplate } from '../domain/render-template.js';
import type { QuestionsApi, UserRecords } from './ports.js';
import { newUserRecord, type UserRecord } from '../domain/user-record.js';
import { PerKeyQueue } from './per-key-queue.js';
import { explainInMessages } from '../domain/explain-in-messages.js';

/**
 * What a channel hands to a turn: a message, a (re)connection, or `touch`, a turn that only
 * applies the channel's record update (e.g. forgetting a Teams link at uninstall) and says nothing.
 */
export type Inbound = { kind: 'message'; text: string; value?: string } | { kind: 'connect' } | { kind: 'touch' };

/** A channel's change to the user's record made inside the turn, so that it is saved with it. */
export type RecordUpdate = (user: UserRecord) => void;

export interface TurnHandlerDeps {
  content: Content;
  render: RenderTemplate;
  store: UserRecords;
  runner: DialogRunner;
  commands: AnytimeCommand[];
  hooks: ConversationHooks;
  services: BotServices;
  questions: QuestionsApi;
  logger: Logger;
  maxTextLength: number;
  now?: () => Date;
  /** Erasure asked for during a turn (« supprimer mes données »), carried out once the turn is over. */
  erasure?: { requested(userId: string): boolean; run(userId: string): void };
}

/**
 * One turn of conversation, whatever the channel: reads the user's record, lets the anytime
 * commands or the dialog under way answer, and saves the record only if the turn succeeded,
 * so that a failing dialog step loses nothing the user had given before.
 */
export class TurnHandler {
  private readonly queue = new PerKeyQueue();
  private readonly now: () => Date;

  constructor(private readonly deps: TurnHandlerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  handle(userId: string, channel: string, inbound: Inbound, update?: RecordUpdate): Promise<OutMessage[]> {
    return this.queue.run(userId, () => this.run(userId, channel, inbound, update)).then((replies) => explainInMessages(replies, this.deps.content.glossary.acronyms));
  }

  private async run(userId: string, channel: string, inbound: Inbound, update?: RecordUpdate): Promise<OutMessage[]> {
    const stored = this.deps.store.get(userId);
    if (inbound.kind === 'touch' && !stored) return [];
    const user = stored ?? newUserRecord(userId, channel, this.now());
    try {
      // A web identity ends with its erasure (the page gets a new one); a Teams account cannot
      // change, so its owner starts afresh.
      if (!stored && channel !== 'web' && this.deps.store.wasErased(userId)) this.deps.store.reopen(userId);
      update?.(user);
      // A visitor who only opened the page is not stored: their first real message is, with the
      // welcome they were shown replayed first (the same dialog state, nothing said twice).
      if (!stored && inbound.kind === 'message') this.turn(user, { kind: 'connect' }, true);
      const replies = inbound.kind === 'touch' ? [] : this.turn(user, inbound, stored === undefined);
      if (!stored && inbound.kind === 'connect' && !update) return replies;
      if (this.deps.erasure?.requested(userId)) {
        this.deps.erasure.run(userId);
        this.deps.logger.info({ channel }, 'user data erased at the user’s request');
        return replies;
      }
      user.updatedAt = this.now().toISOString();
      this.deps.store.put(user);
      return replies;
    } catch (err) {
      // The record would have grown past the store's cap (RecordTooLargeError of the store,
      // told by its name): nothing was written; say so plainly, then the pending question.
      if (err instanceof Error && err.name === 'RecordTooLargeError') {
        const { bytes, limit } = err as Error & { bytes?: number; limit?: number };
        this.deps.logger.error(
          { err, userId, channel, bytes, limit, dialog: user.dialogStack.at(-1)?.dialog, step: user.dialogStack.at(-1)?.step },
          'turn refused: user record too large',
        );
        return [message(this.deps.render('errors/record-too-large')), ...this.recover(this.deps.store.get(userId)).slice(1)];
      }
      this.deps.logger.error(
        { err, userId, channel, dialog: user.dialogStack.at(-1)?.dialog, step: user.dialogStack.at(-1)?.step },
        'turn failed',
      );
      // `stored` is the copy this turn changed: the store still has the record as it was.
      return this.recover(this.deps.store.get(userId));
    }
  }

  /** Waits for the turns under way (graceful shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private turn(user: UserRecord, inbound: Inbound, isNewUser: boolean): OutMessage[] {
    const api = this.api(user);
    const out: OutMessage[] = [];
    if (!this.deps.runner.isValidStack(user)) {
      this.deps.logger.warn({ userId: user.id, stack: user.dialogStack }, 'stored dialog stack no longer valid; reset');
      user.dialogStack = [];
      out.push(message(this.deps.render('errors/dialog-reset')));
    }

    if (inbound.kind !== 'message') return [...out, ...this.deps.hooks.onConnect(api, isNewUser)];

    const input: TurnInput = { text: inbound.text.trim(), value: inbound.value };
    if (input.text === '' && input.value === undefined) {
      return [...out, message(this.deps.render('errors/empty')), ...this.pending(api)];
    }
    if (input.text.length > this.deps.maxTextLength) {
      return [...out, message(this.deps.render('errors/too-long', { max: this.deps.maxTextLength })), ...this.pending(api)];
    }

    const { commands } = this.deps.content.ui;
    const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
    const intercept = this.intercept(user);
    if (command) out.push(...command.run(api));
    else if (this.deps.runner.isActive(user)) out.push(...this.deps.runner.continue(this.services(), user, input, intercept));
    else out.push(...(intercept(input, 'unrecognised') ?? this.deps.hooks.onIdleText(api)));

    // Never leave the user without a question to answer (unless they just erased everything).
    if (!this.deps.runner.isActive(user) && !this.deps.erasure?.requested(user.id)) out.push(...api.begin(this.deps.hooks.homeDialog));
    return out;
  }

  /** After a failed turn: say so, and ask again the question that was pending before it. */
  private recover(stored: UserRecord | undefined): OutMessage[] {
    const out = [message(this.deps.render('errors/internal'))];
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
  private intercept(user?: UserRecord): Intercept {
    const now = this.now();
    const qa = this.deps.questions;
    const profile = user ? { actor: user.profile.actor, departement: user.profile.departement, options: user.profile.options } : undefined;
    return (input, kind) => {
      const fromButton = qa.button(input.value, now);
      if (fromButton || input.value !== undefined) return fromButton;
      if (kind === 'invalid' && !qa.isQuestion(input.text)) return undefined;
      return qa.answer(input.text, now, { confidentOnly: false, profile });
    };
  }

  private pending(api: CommandApi): OutMessage[] {
    return api.activeDialog() ? api.reprompt() : [];
  }

  private services() {
    return { content: this.deps.content, render: this.deps.render, services: this.deps.services, now: this.now() };
  }

  private api(user: UserRecord): CommandApi {
    const services = this.services();
    const runner = this.deps.runner;
    return {
      ctx: { ...services, user },
      activeDialog: () => runner.activeDialog(user),
      begin: (id, args) => runner.begin(services, user, id, args),
      interject: (id, args) => runner.interject(services, user, id, args),
      reprompt: () => runner.reprompt(services, user),
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
  isPublicInput(userId: string, inbound: Inbound, publicCommands: ReadonlySet<string>): boolean {
    if (inbound.kind !== 'message') return false;
    const input: TurnInput = { text: inbound.text.trim(), value: inbound.value };
    if ((input.text === '' && input.value === undefined) || input.text.length > this.deps.maxTextLength) return true;
    const { commands } = this.deps.content.ui;
    const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
    if (command) return publicCommands.has(command.name);
    // The question answering's own buttons (see QuestionAnswering.button): `qa:<id>`, `feedback:<vote>:<id>`.
    if (input.value !== undefined) return /^(?:qa|feedback):/.test(input.value);
    if (this.deps.questions.isQuestion(input.text)) return true;
    const stored = this.deps.store.get(userId);
    const pending = stored ? this.deps.runner.activeDialog(stored) : undefined;
    return pending === undefined || pending === this.deps.hooks.homeDialog;
  }

  /**
   * A turn for an input `isPublicInput` accepted, on a blank record that is neither read from nor
   * saved to the store: the replies hold nothing of the user's, and their dialogs do not move.
   */
  handlePublic(userId: string, channel: string, inbound: Inbound): OutMessage[] {
    return explainInMessages(this.publicReplies(userId, channel, inbound), this.deps.content.glossary.acronyms);
  }

  private publicReplies(userId: string, channel: string, inbound: Inbound): OutMessage[] {
    if (inbound.kind !== 'message') return [];
    const user = newUserRecord(userId, channel, this.now());
    try {
      const api = this.api(user);
      const input: TurnInput = { text: inbound.text.trim(), value: inbound.value };
      if (input.text === '' && input.value === undefined) return [message(this.deps.render('errors/empty'))];
      if (input.text.length > this.deps.maxTextLength) return [message(this.deps.render('errors/too-long', { max: this.deps.maxTextLength }))];
      const { commands } = this.deps.content.ui;
      const command = this.deps.commands.find((c) => isCommand(input, c.name, commands[c.name]));
      if (command) return command.run(api);
      return this.intercept()(input, 'unrecognised') ?? [...this.deps.hooks.onIdleText(api), ...api.begin(this.deps.hooks.homeDialog)];
    } catch (err) {
      this.deps.logger.error({ err, channel }, 'public turn failed');
      return [message(this.deps.render('errors/internal'))];
    }
  }
}
