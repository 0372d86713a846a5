import type { z } from 'zod';
import type { Content } from '../content/content.js';
import type { UiFile } from '../content/schemas.js';
import type { RenderTemplate } from '../domain/render-template.js';
import type { OutMessage } from '../domain/out-message.js';
import type { PairingApi, ResumeApi } from './ports.js';
import type { UserRecord } from '../domain/user-record.js';
import type { DialogId } from '../domain/dialog-ids.js';

/** What dialogs may use beyond the user's own record. */
export interface BotServices {
  pairing: PairingApi;
  /** A read-only copy of another user's record (a paired partner's), if it exists. */
  peek(userId: string): UserRecord | undefined;
  /** A fresh signed link to the user's report page (in Teams, the link that opens the « Mon bilan » tab). */
  reportUrl(userId: string, now: Date): string;
  /** Whether `reportUrl` opens the « Mon bilan » tab (Teams), which never expires, rather than a signed link that does. */
  reportOpensTab(userId: string): boolean;
  /** A fresh signed link (valid one hour) to the JSON export of everything stored about the user. */
  dataExportUrl(userId: string, now: Date): string;
  /** Erases everything about the user once this turn is over (nothing of the turn is saved). */
  eraseAfterTurn(userId: string): void;
  /** Whether the bot can write to the user first (a proactive message): the channel decides. */
  canWriteFirst(user: UserRecord): boolean;
  /**
   * The address of the user's personal calendar feed of the Thursday prompts (web chat), while
   * they are subscribed; undefined elsewhere (Teams writes to them itself).
   */
  calendarUrl(user: UserRecord): string | undefined;
  /** Whether the web page offers notifications of the Thursday prompts (Web Push is set up on this server). */
  webPush: boolean;
  /** The address of the web chat, with a query (`{ code: 'ABCD-2345' }`: the chat opens on it). */
  chatUrl(query?: Record<string, string>): string;
  /** Resume codes: continuing the conversation on another device. */
  resume: ResumeApi;
}

export type { TurnInput } from '../domain/turn-input.js';
import type { TurnInput } from '../domain/turn-input.js';

/** `Data`: what the dialog keeps in its frame (see `Dialog.data`). */
export interface DialogContext<Data = unknown> {
  /** The user's record for this turn; changes are saved only if the turn succeeds. */
  user: UserRecord;
  /** The current dialog frame's own data, kept across turns and restarts: changes made to it are kept. */
  data: Data;
  /** Invalid answers already given to the pending question (a prompt may shorten itself after misses). */
  attempts?: number;
  content: Content;
  render: RenderTemplate;
  services: BotServices;
  now: Date;
}

export type StepOutcome =
  | { goto: string }
  | { end: true }
  | { begin: DialogId; args?: Record<string, unknown>; resumeAt: string }
  /** Drops every dialog under way and starts this one. */
  | { switchTo: DialogId; args?: Record<string, unknown> }
  /** An invalid answer to this question: explain (the step's `say`), then ask again; counts as an attempt. */
  | { retry: true }
  /** Not an answer to this question (a free text at a menu...): the runner may answer it as a question, then asks again. */
  | { unrecognised: true };

/** What a step decides: messages to say first, then where the conversation goes. */
export interface StepResult {
  say?: OutMessage[];
  then: StepOutcome;
}

/**
 * Lets the turn answer an input the step could not use (a question typed mid-dialog, a button of
 * an earlier answer). Returns the messages to say before the pending question is asked again, or
 * nothing to let the step's own handling stand.
 */
export type Intercept = (input: TurnInput, kind: 'invalid' | 'unrecognised') => OutMessage[] | undefined;

export interface Step<Data = unknown> {
  /**
   * After an aside (a question answered instead of this step): a reminder of the question with its
   * buttons (default: « Pour reprendre : » and the prompt's first line, or the prompt itself when
   * it is short; see `reminder`), or nothing.
   */
  afterAside?: 'reprompt' | 'quiet';
  /** The question recalled in one line after an aside, with its buttons (default: see `afterAside`). */
  reminder?(ctx: DialogContext<Data>): OutMessage[];
  /**
   * Never give up on this question after too many invalid answers (the profile: recommendations
   * need it); the prompt is asked again, and may read `ctx.attempts` to offer a shorter list.
   */
  keepAsking?: boolean;
  /** What is typed here is a secret (a resume code): the history keeps « •••• » instead. */
  secret?: boolean;
  prompt(ctx: DialogContext<Data>): OutMessage[];
  handle(ctx: DialogContext<Data>, input: TurnInput): StepResult;
}

/**
 * A dialog, and the type of what it keeps in its frame. A dialog that keeps anything declares it
 * in `data`, from which `Data` comes (`Dialog<z.infer<typeof XData>>`).
 */
export interface Dialog<Data extends FrameData = FrameData, Id extends string = DialogId> {
  id: Id;
  /**
   * The schema of the frame's data. Stored frames are read through it, so its fields are optional
   * or defaulted (frames saved by an earlier version, a new frame's `{}`, must still be read);
   * a stored frame it refuses makes the stack invalid, and the stack is reset.
   */
  data?: z.ZodType<Data>;
  start(ctx: DialogContext<Data>, args: Record<string, unknown>): StepResult;
  steps: Record<string, Step<Data>>;
}

/** What a frame keeps: an object, as stored. */
export type FrameData = Record<string, unknown>;

/** A dialog outside `DialogId`, under an id of its own: tests add one (a step that fails) to the registry's. */
export type ExtraDialog = Dialog<FrameData, string>;

/** What an anytime command (menu, aide, annuler...) or a connection event can do. */
export interface CommandApi {
  ctx: Omit<DialogContext, 'data'>;
  /** The message that ran the command (a command word may carry a code after it: « j'ai un code ABCD-2345 »). */
  input?: TurnInput;
  activeDialog(): DialogId | undefined;
  /** Starts a dialog, dropping any under way. */
  begin(dialogId: DialogId, args?: Record<string, unknown>): OutMessage[];
  /** Starts a dialog above the current one, which is asked again when it ends. */
  interject(dialogId: DialogId, args?: Record<string, unknown>): OutMessage[];
  /** The pending question, asked again. */
  reprompt(): OutMessage[];
  /** The pending question recalled in one line with its buttons (a long one), or asked again (a short one). */
  remind(): OutMessage[];
  /**
   * Messages this turn shows that the conversation's history keeps, besides the replies to what
   * the user said (a connection keeps only these: the prompts shown at a return).
   */
  keepInHistory(messages: OutMessage[]): void;
}

export interface AnytimeCommand {
  /** Key of the command's words in `content/ui.json` (`commands`). */
  name: keyof UiFile['commands'];
  run(api: CommandApi): OutMessage[];
}

/** How the conversation starts, and where it returns when no dialog is under way. */
export interface ConversationHooks {
  onConnect(api: CommandApi, isNewUser: boolean): OutMessage[];
  /** What to say to a text that arrives with no dialog under way (the home dialog follows). */
  onIdleText(api: CommandApi): OutMessage[];
  /** Dialog started whenever a turn ends with no dialog under way (the menu). */
  homeDialog: DialogId;
}
