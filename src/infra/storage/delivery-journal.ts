import path from 'node:path';
import { z } from 'zod';
import { AppendLog, readLines, rewriteLines } from './append-log.js';

/**
 * - sending: claimed, the send under way (left so by a crash: outcome unknown until resolved)
 * - sent: delivered
 * - deferred: a temporary failure; a later tick the same day tries again
 * - failed: given up (a permanent refusal, or too many attempts)
 * - unknown: the process stopped during the send; not sent again, so never twice
 */
export const DeliveryState = z.enum(['sending', 'sent', 'deferred', 'failed', 'unknown']);
export type DeliveryState = z.infer<typeof DeliveryState>;

const Line = z.object({ key: z.string().min(1), state: DeliveryState, at: z.string(), attempts: z.number().int().min(0).optional(), detail: z.string().optional() });
type Line = z.infer<typeof Line>;

export interface Delivery {
  state: DeliveryState;
  at: string;
  attempts: number;
  detail?: string;
}

export const JOURNAL_FILE = 'jeudis-deliveries.ndjson';

/** A delivery's key: the Thursday (AAAA-MM-JJ) and the user. */
export function deliveryKey(thursday: string, userId: string): string {
  return `${thursday}|${userId}`;
}
/** Entries older than this are dropped when the journal is opened. */
export const KEEP_DAYS = 70;

/**
 * What was sent to whom on which Thursday, wherever it is kept: the data directory's journal
 * (`DeliveryJournal`) or PostgreSQL's table (`PostgresDeliveries`, shared by several servers).
 */
export interface DeliveryLedger {
  get(key: string): Delivery | undefined;
  /** Takes a delivery for this run, durably, before its send; false if it was sent, is under way, or was given up. */
  claim(key: string, at: Date): boolean | Promise<boolean>;
  /** The outcome of a claimed delivery. */
  record(key: string, state: Exclude<DeliveryState, 'sending'>, at: Date, detail?: string): void;
  /** Deliveries left under way (a server stopped mid-send). */
  interrupted(): string[];
  entriesFor(userId: string): Array<{ thursday: string } & Delivery>;
  forget(userId: string): void;
  /** Reads again what other servers wrote (a shared database), before this one leads the broadcast. */
  refresh?(): Promise<void>;
  /** Resolves once every outcome recorded so far is kept (a database writes them behind the sends). */
  settled?(): Promise<void>;
  close(): void | Promise<void>;
}

/**
 * What was sent to whom on which Thursday, as an append-only journal (an AppendLog: one JSON
 * line per change, written straight to the file, so a crash loses nothing written before it).
 * The claim is written before the send: after a crash, a delivery is never started twice.
 */
export class DeliveryJournal implements DeliveryLedger {
  private readonly entries = new Map<string, Delivery>();
  /** Absent when opened read-only (`npm run jeudis -- --dry-run`) or closed. */
  private log: AppendLog | undefined;

  private constructor(readonly file: string) {}

  /** `now`: entries older than KEEP_DAYS before it are dropped. */
  static open(dataDir: string, now: Date, options: { readOnly?: boolean } = {}): DeliveryJournal {
    const journal = new DeliveryJournal(path.join(dataDir, JOURNAL_FILE));
    journal.load(now, options.readOnly === true);
    if (!options.readOnly) journal.log = AppendLog.open(journal.file);
    return journal;
  }

  static key(thursday: string, userId: string): string {
    return deliveryKey(thursday, userId);
  }

  get(key: string): Delivery | undefined {
    const d = this.entries.get(key);
    return d ? { ...d } : undefined;
  }

  /** Takes a delivery for this run; false if it was sent, is under way, or was given up. */
  claim(key: string, at: Date): boolean {
    const current = this.entries.get(key);
    if (current && current.state !== 'deferred') return false;
    this.write({ key, state: 'sending', at: at.toISOString(), attempts: (current?.attempts ?? 0) + 1 });
    return true;
  }

  /** The outcome of a claimed delivery; nothing if the user was erased (forgotten) since the claim. */
  record(key: string, state: Exclude<DeliveryState, 'sending'>, at: Date, detail?: string): void {
    if (!this.entries.has(key)) return;
    this.write({ key, state, at: at.toISOString(), attempts: this.entries.get(key)?.attempts ?? 0, detail });
  }

  /** Deliveries a previous process left under way (it stopped mid-send). */
  interrupted(): string[] {
    return [...this.entries].filter(([, d]) => d.state === 'sending').map(([k]) => k);
  }

  /** Every delivery to a user (their data export). */
  entriesFor(userId: string): Array<{ thursday: string } & Delivery> {
    return [...this.entries].filter(([k]) => k.slice(11) === userId).map(([k, d]) => ({ thursday: k.slice(0, 10), ...d }));
  }

  /** Erases a user from the journal (the file is rewritten without them). */
  forget(userId: string): void {
    let removed = false;
    for (const key of [...this.entries.keys()]) {
      if (key.slice(11) === userId) {
        this.entries.delete(key);
        removed = true;
      }
    }
    if (!removed) return;
    if (this.log) this.log.rewrite(this.lines());
    else rewriteLines(this.file, this.lines());
  }

  close(): void {
    this.log?.close();
    this.log = undefined;
  }

  private write(line: Line): void {
    if (!this.log) throw new Error('delivery journal closed');
    this.log.append(JSON.stringify(line));
    this.apply(line);
  }

  private apply(line: Line): void {
    this.entries.set(line.key, { state: line.state, at: line.at, attempts: line.attempts ?? 0, detail: line.detail });
  }

  private load(now: Date, readOnly: boolean): void {
    // A torn last line (a crash mid-write) is not read: the claim it held was not complete,
    // nothing was sent for it. A line of another shape is skipped the same way.
    for (const value of readLines(this.file)) {
      const line = Line.safeParse(value);
      if (line.success) this.apply(line.data);
    }
    const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString().slice(0, 10);
    let dropped = false;
    for (const key of this.entries.keys()) {
      if (key.slice(0, 10) < cutoff) {
        this.entries.delete(key);
        dropped = true;
      }
    }
    if (dropped && !readOnly) rewriteLines(this.file, this.lines());
  }

  /** The journal compacted: one line per delivery, its latest state. */
  private lines(): string[] {
    return [...this.entries].map(([key, d]) => JSON.stringify({ key, ...d }));
  }
}
