import type { Logger } from 'pino';
import type { Content } from '../content/load-content.js';
import type { DialogRunner } from '../dialog/dialog-runner.js';
import type { AnytimeCommand, BotServices, CommandApi, ConversationHooks, Intercept, TurnInput } from '../dialog/dialog-types.js';
import { isCommand } from '../engine/match-answer.js';
import { message, type OutMessage } from '../messages/out-message.js';
import type { RenderTemplate } from '../messages/render-template.js';
import type { QuestionAnswering } from '../qa/question-answering.js';
import { newUserRecord, type UserRecord } from '../storage/user-record.js';
import type { UserStore } from '../storage/user-store.js';
import type { FloodGuard } from './flood-guard.js';
import { PerKeyQueue } from './per-key-queue.js';

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
  store: UserStore;
  runner: DialogRunner;
  commands: AnytimeCommand[];
  hooks: ConversationHooks;
  services: BotServices;
  questions: QuestionAnswering;
  logger: Logger;
  maxTextLength: number;
  now?: () => Date;
  /** Limits how fast one user's messages are taken (none when absent). */
  flood?: FloodGuard;
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
    if (inbound.kind === 'message' && this.deps.flood) {
      const verdict = this.deps.flood.check(userId, this.now().getTime());
      if (verdict !== 'allow') {
        if (verdict === 'warn') this.deps.logger.warn({ userId, channel }, 'message flood: messages dropped for a few seconds');
        return Promise.resolve(verdict === 'warn' ? [message(this.deps.render('errors/flood'))] : []);
      }
    }
    return this.queue.run(userId, async () => {
      const stored = this.deps.store.get(userId);
      if (inbound.kind === 'touch' && !stored) return [];
      const user = stored ?? newUserRecord(userId, channel, this.now());
      try {
        update?.(user);
        const replies = inbound.kind === 'touch' ? [] : this.turn(user, inbound, stored === undefined);
        if (this.deps.erasure?.requested(userId)) {
          this.deps.erasure.run(userId);
          this.deps.logger.info({ channel }, 'user data erased at the user’s request');
          return replies;
        }
        user.updatedAt = this.now().toISOString();
        this.deps.store.put(user);
        return replies;
      } catch (err) {
        this.deps.logger.error(
          { err, userId, channel, dialog: user.dialogStack.at(-1)?.dialog, step: user.dialogStack.at(-1)?.step },
          'turn failed',
        );
        return this.recover(stored);
      }
    });
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
    const intercept = this.intercept();
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
   * quoi un PTCE ? ») is taken as one; « 7 » or « bof » stay invalid answers to re-ask.
   */
  private intercept(): Intercept {
    const now = this.now();
    const qa = this.deps.questions;
    return (input, kind) => {
      const fromButton = qa.button(input.value, now);
      if (fromButton || input.value !== undefined) return fromButton;
      if (kind === 'invalid' && !qa.isQuestion(input.text)) return undefined;
      return qa.answer(input.text, now, { confidentOnly: false });
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
}
