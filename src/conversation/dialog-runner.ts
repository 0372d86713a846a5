import type { OutMessage } from '../domain/out-message.js';
import type { UserRecord } from '../domain/user-record.js';
import type { DialogFrame } from '../domain/dialog-frame.js';
import { currentDialogId, isDialogId, type DialogId } from '../domain/dialog-ids.js';
import type { DialogContext, ExtraDialog, FrameData, Intercept, StepResult, TurnInput } from './dialog-types.js';

type Services = Omit<DialogContext, 'user' | 'data'>;

export interface DialogRunnerOptions {
  /** Invalid answers accepted at one step before the runner gives up and starts `fallback`. */
  maxAttempts: number;
  /** Dialog started when a step gets too many invalid answers (the menu). */
  fallback: DialogId;
  /** Template said before the fallback starts. */
  tooManyAttemptsTemplate: string;
  /** Template said when an input is not an answer to a step and nothing intercepted it. */
  unrecognisedTemplate: string;
  /**
   * Template said when a button of an earlier question is pressed (its value names another
   * question): the press answers nothing, and the pending question is asked again.
   */
  staleButtonTemplate?: string;
  /**
   * Template recalling the pending question in one line after an aside (`title`: the first line of
   * its prompt), above the question's buttons; without it the whole prompt is asked again.
   */
  reminderTemplate?: string;
}

/** A prompt this short is asked again whole after an aside: a reminder would say no less. */
const SHORT_PROMPT = 200;

/**
 * Runs the dialog scripts of `dialogs/` over the dialog stack stored in the user's record.
 * Steps decide; the runner only applies their outcome, so every flow survives a restart.
 */
export class DialogRunner {
  private readonly dialogs: Map<string, ExtraDialog>;
  /** Frame data already read through its dialog's schema (see `data`). */
  private readonly readData = new WeakSet<FrameData>();

  constructor(
    dialogs: ExtraDialog[],
    private readonly options: DialogRunnerOptions,
  ) {
    this.dialogs = new Map(dialogs.map((d) => [d.id, d]));
  }

  isActive(user: UserRecord): boolean {
    return user.dialogStack.length > 0;
  }

  /** The dialog under way (a dialog of a test, outside `DialogId`, is none). */
  activeDialog(user: UserRecord): DialogId | undefined {
    const stored = user.dialogStack.at(-1)?.dialog;
    const id = stored === undefined ? undefined : currentDialogId(stored);
    return id !== undefined && isDialogId(id) ? id : undefined;
  }

  /** Starts a dialog on top of an empty stack (any dialog under way is dropped). */
  begin(services: Services, user: UserRecord, dialogId: DialogId, args: Record<string, unknown> = {}): OutMessage[] {
    user.dialogStack = [];
    return this.push(services, user, dialogId, args);
  }

  /** Starts a dialog above the current one, which resumes at `resumeAt` when it ends. */
  interject(services: Services, user: UserRecord, dialogId: DialogId, args: Record<string, unknown> = {}): OutMessage[] {
    const top = user.dialogStack.at(-1);
    if (top) top.resumeAt = top.step;
    return this.push(services, user, dialogId, args);
  }

  /**
   * Gives the user's answer to the step waiting for it. An input the step cannot use may be
   * answered by `intercept` instead (a question typed mid-dialog); the step is then asked again
   * and the invalid answer is not counted.
   */
  continue(services: Services, user: UserRecord, input: TurnInput, intercept?: Intercept): OutMessage[] {
    const frame = user.dialogStack.at(-1);
    if (!frame) return [];
    const step = this.step(frame);
    const result = step.handle(this.context(services, user, frame), input);
    const kind = 'retry' in result.then ? 'invalid' : 'unrecognised' in result.then ? 'unrecognised' : undefined;
    const intercepted = kind ? intercept?.(input, kind) : undefined;
    if (intercepted) return step.afterAside === 'quiet' ? intercepted : [...intercepted, ...this.remind(services, user, frame)];
    // A button this step does not take, and no one else took: a card of an earlier question
    // (Teams keeps old cards pressable). It answers nothing; it is not a miss either.
    if (kind && input.value !== undefined) {
      const template = this.options.staleButtonTemplate ?? 'understanding/stale-button';
      return [{ text: services.render(template), choices: [], cards: [] }, ...this.remind(services, user, frame)];
    }
    if (kind === 'unrecognised') {
      const say = result.say ?? [{ text: services.render(this.options.unrecognisedTemplate), choices: [], cards: [] }];
      return [...say, ...step.prompt(this.context(services, user, frame))];
    }
    return this.apply(services, user, result);
  }

  /** Whether the step waiting for an answer takes a secret (see Step.secret); false for a stack that no longer reads. */
  expectsSecret(user: UserRecord): boolean {
    const frame = user.dialogStack.at(-1);
    if (!frame) return false;
    return this.dialogs.get(currentDialogId(frame.dialog))?.steps[frame.step]?.secret === true;
  }

  /**
   * The pending question recalled after an aside (an answer to a question typed mid-dialog, a
   * stale button): the answer stays in view, and the question's buttons come back under one line
   * (« Pour reprendre : **Besoin 3/7 · …** »). A short prompt is asked again whole.
   */
  private remind(services: Services, user: UserRecord, frame: DialogFrame): OutMessage[] {
    const step = this.step(frame);
    const ctx = this.context(services, user, frame);
    if (step.reminder) return step.reminder(ctx);
    const prompt = step.prompt(ctx);
    const asked = prompt.at(-1);
    const template = this.options.reminderTemplate;
    const length = prompt.reduce((n, m) => n + m.text.length, 0);
    if (!template || !asked || asked.choices.length === 0 || length <= SHORT_PROMPT) return prompt;
    const title = firstLine(prompt[0]!.text);
    const reminder: OutMessage = { text: services.render(template, { title }), choices: asked.choices, cards: [] };
    if (asked.progress) reminder.progress = asked.progress;
    return [reminder];
  }

  /** The pending question recalled in one line with its buttons (after small talk), as after an aside. */
  remindPending(services: Services, user: UserRecord): OutMessage[] {
    const frame = user.dialogStack.at(-1);
    return frame ? this.remind(services, user, frame) : [];
  }

  /** The question the user is expected to answer, asked again (after help, a reconnect...). */
  reprompt(services: Services, user: UserRecord): OutMessage[] {
    const frame = user.dialogStack.at(-1);
    if (!frame) return [];
    return this.step(frame).prompt(this.context(services, user, frame));
  }

  private push(services: Services, user: UserRecord, dialogId: DialogId, args: Record<string, unknown>): OutMessage[] {
    const dialog = this.dialog(dialogId);
    const frame: DialogFrame = { dialog: dialog.id, step: '(start)', data: {}, attempts: 0 };
    user.dialogStack.push(frame);
    return this.apply(services, user, dialog.start(this.context(services, user, frame), args));
  }

  private apply(services: Services, user: UserRecord, result: StepResult): OutMessage[] {
    const out: OutMessage[] = [...(result.say ?? [])];
    const frame = user.dialogStack.at(-1);
    if (!frame) return out;
    const then = result.then;

    if ('goto' in then) {
      frame.step = then.goto;
      frame.attempts = 0;
      out.push(...this.step(frame).prompt(this.context(services, user, frame)));
    } else if ('retry' in then) {
      frame.attempts += 1;
      if (frame.attempts >= this.options.maxAttempts && !this.step(frame).keepAsking) {
        out.push({ text: services.render(this.options.tooManyAttemptsTemplate), choices: [], cards: [] });
        out.push(...this.begin(services, user, this.options.fallback));
      } else {
        out.push(...this.step(frame).prompt(this.context(services, user, frame)));
      }
    } else if ('end' in then) {
      user.dialogStack.pop();
      const parent = user.dialogStack.at(-1);
      if (parent) {
        parent.step = parent.resumeAt ?? parent.step;
        parent.resumeAt = undefined;
        parent.attempts = 0;
        out.push(...this.step(parent).prompt(this.context(services, user, parent)));
      }
    } else if ('unrecognised' in then) {
      out.push(...this.step(frame).prompt(this.context(services, user, frame)));
    } else if ('begin' in then) {
      frame.resumeAt = then.resumeAt;
      out.push(...this.push(services, user, then.begin, then.args ?? {}));
    } else {
      out.push(...this.begin(services, user, then.switchTo, then.args ?? {}));
    }
    return out;
  }

  /**
   * Brings a stored stack up to date before a turn uses it: a renamed dialog's frames under its
   * new id, each frame's data read through its dialog's schema (defaults filled in). False when
   * a frame names a dialog or step that no longer exists (after an update), or holds data its
   * dialog cannot read: the caller then drops the stack.
   */
  restoreStack(user: UserRecord): boolean {
    return user.dialogStack.every((f) => {
      f.dialog = currentDialogId(f.dialog);
      const dialog = this.dialogs.get(f.dialog);
      if (!dialog || !(f.step === '(start)' || f.step in dialog.steps) || (f.resumeAt && !(f.resumeAt in dialog.steps))) return false;
      try {
        this.data(dialog, f);
        return true;
      } catch {
        return false;
      }
    });
  }

  private context(services: Services, user: UserRecord, frame: DialogFrame): DialogContext<FrameData> {
    return { ...services, user, data: this.data(this.dialog(frame.dialog), frame), attempts: frame.attempts };
  }

  /**
   * The frame's data as its dialog reads it: read through the dialog's schema once (throws when
   * it cannot be), and kept in the frame, so that the dialog's changes to it are saved. A copy:
   * zod hands out the same default objects to every parse.
   */
  private data(dialog: ExtraDialog, frame: DialogFrame): FrameData {
    if (!dialog.data || this.readData.has(frame.data)) return frame.data;
    frame.data = structuredClone(dialog.data.parse(frame.data));
    this.readData.add(frame.data);
    return frame.data;
  }

  private dialog(id: string): ExtraDialog {
    const dialog = this.dialogs.get(id);
    if (!dialog) throw new Error(`Unknown dialog "${id}"`);
    return dialog;
  }

  private step(frame: DialogFrame) {
    const step = this.dialog(frame.dialog).steps[frame.step];
    if (!step) throw new Error(`Unknown step "${frame.step}" in dialog "${frame.dialog}"`);
    return step;
  }
}

/** The first line of a prompt (its title, in bold), at most its first sentence when it is long. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('[[')) ?? '';
  if (line.length <= 120) return line.trim();
  const sentence = /^.*?[.?!](?=\s)/.exec(line)?.[0];
  return (sentence && sentence.length <= 160 ? sentence : `${line.slice(0, 119).trimEnd()}…`).trim();
}
