import type { Logger } from 'pino';
import { anytimeCommands, conversationHooks, dialogs } from '../../dialogs/index.js';
import type { Content } from '../content/content.js';
import { DialogRunner } from '../conversation/dialog-runner.js';
import type { ExtraDialog } from '../conversation/dialog-types.js';
import { PairingService } from '../services/pairing-service.js';
import { KnowledgeIndex } from '../domain/qa/knowledge-index.js';
import { QuestionAnswering } from '../services/question-answering.js';
import type { RenderTemplate } from '../infra/templates/render-template.js';
import type { UserRecord } from '../domain/user-record.js';
import type { UserStore } from '../infra/storage/user-store.js';
import { randomBytes } from 'node:crypto';
import { Records } from '../services/records.js';
import { ResumeService } from '../services/resume-service.js';
import type { ResumeApi } from '../conversation/ports.js';
import { TurnHandler } from '../conversation/turn-handler.js';
import type { Clock } from '../domain/clock.js';
import { chatAddress } from '../domain/chat-address.js';

export interface TurnHandlerSetup {
  content: Content;
  render: RenderTemplate;
  store: UserStore;
  logger: Logger;
  maxTextLength: number;
  /** Absolute URL of the user's report page for a fresh signed token. */
  reportUrl: (userId: string, now: Date) => string;
  /** Whether `reportUrl` opens the Teams tab rather than an expiring signed link (default: never). */
  reportOpensTab?: (userId: string) => boolean;
  /** Absolute URL of the user's data export for a fresh signed token. */
  dataExportUrl?: (userId: string, now: Date) => string;
  /** The one write path (created on `store` when not given; the server shares one with its other writers). */
  records?: Records;
  /** What a channel does once a user's erasure is saved (the web ends the page's session). */
  afterErase?: (userId: string) => void;
  /** Whether the bot can write to a user first (default: yes). */
  canWriteFirst?: (user: UserRecord) => boolean;
  /** The user's calendar feed of the Thursday prompts (default: none). */
  calendarUrl?: (user: UserRecord) => string | undefined;
  /** Whether web pages offer notifications of the Thursday prompts (default: no). */
  webPush?: boolean;
  /** The web chat's address with a query (default: on localhost). */
  chatUrl?: (query?: Record<string, string>) => string;
  /** The search index of the content store (built from `content` when not given). */
  index?: KnowledgeIndex;
  /** Dialogs added to those of `dialogs/` (tests use it to inject a failing step). */
  extraDialogs?: ExtraDialog[];
  /** The clock of turns (src/app/real-clock.ts, or a test's). */
  now: Clock;
  /** Resume codes (the server's, with its key and links); by default codes that open nothing outside this process's tests. */
  resume?: ResumeApi;
  /** Channels whose conversation is kept to be shown again (default: the web chat only; Teams keeps its own chat). */
  keepsHistory?: (channel: string) => boolean;
}

/** Wires the dialogs, anytime commands and conversation hooks of `dialogs/` into a turn handler. */
export function createTurnHandler(setup: TurnHandlerSetup): TurnHandler {
  const erasing = new Set<string>();
  const records = setup.records ?? new Records(setup.store);
  const runner = new DialogRunner([...dialogs, ...(setup.extraDialogs ?? [])], {
    maxAttempts: 3,
    fallback: conversationHooks.homeDialog,
    tooManyAttemptsTemplate: 'errors/too-many-attempts',
    unrecognisedTemplate: 'fallback/unknown',
    reminderTemplate: 'understanding/reminder',
  });
  return new TurnHandler({
    content: setup.content,
    render: setup.render,
    records,
    logger: setup.logger,
    maxTextLength: setup.maxTextLength,
    now: setup.now,
    runner,
    commands: anytimeCommands,
    hooks: conversationHooks,
    questions: new QuestionAnswering(setup.index ?? KnowledgeIndex.build(setup.content), setup.content, setup.render, setup.store),
    services: {
      pairing: new PairingService(setup.store),
      peek: (userId) => setup.store.cached(userId),
      reportUrl: setup.reportUrl,
      reportOpensTab: setup.reportOpensTab ?? (() => false),
      dataExportUrl: setup.dataExportUrl ?? ((userId, now) => setup.reportUrl(userId, now)),
      eraseAfterTurn: (userId) => void erasing.add(userId),
      canWriteFirst: setup.canWriteFirst ?? (() => true),
      calendarUrl: setup.calendarUrl ?? (() => undefined),
      webPush: setup.webPush ?? false,
      chatUrl: setup.chatUrl ?? ((query) => chatAddress('http://localhost:3978', query)),
      resume:
        setup.resume ??
        new ResumeService({
          store: setup.store,
          records,
          key: randomBytes(32),
          url: (token) => `/reprendre/${token}`,
          offers: (user) => user.channel === 'web',
          onRedeemed: () => undefined,
        }),
    },
    keepsHistory: setup.keepsHistory ?? ((channel) => channel === 'web'),
    erasure: {
      requested: (userId) => erasing.has(userId),
      take: (userId) => erasing.delete(userId),
      after: (userId) => setup.afterErase?.(userId),
    },
  });
}
