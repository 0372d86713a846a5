import { z } from 'zod';
import { OutMessage } from './out-message.js';

/**
 * The conversation as the user saw it, kept in their record so that a page loaded again (the
 * next day, or on another device after a resume code) shows it before the return message. One
 * entry per exchange: what the user said (their text, or the label of the button they pressed)
 * and the bot's messages, as channel-neutral messages. Bounded three ways: the last
 * MAX_HISTORY_EXCHANGES exchanges, MAX_HISTORY_BYTES of JSON in all (oldest first out), and each
 * text cut to its own limit. Buttons are not kept: the answer that followed says what was chosen,
 * and the pending question is asked again with live buttons after the history.
 */
export const HistoryEntry = z.object({
  /**
   * The exchange's number in the conversation (1, 2, …; see appendHistory): an exchange keeps it
   * until it is dropped, so that a database keeping one row per exchange writes the new ones only.
   */
  n: z.number().int().positive().optional(),
  at: z.string(),
  /** What the user said; absent for what the bot said first (the welcome, a Thursday prompt). */
  said: z.string().optional(),
  replies: z.array(OutMessage).default([]),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Exchanges kept at most. */
export const MAX_HISTORY_EXCHANGES = 40;
/** Bytes of JSON (UTF-8) the whole history takes at most, out of the record's 64 KiB. */
export const MAX_HISTORY_BYTES = 24 * 1024;
/** Characters of the user's text kept (a longer text is cut, with « … »). */
export const MAX_SAID_CHARS = 500;
/** Characters of a bot message's text, of its detail, and of a card's text. */
export const MAX_REPLY_CHARS = 2_000;
export const MAX_CARD_CHARS = 500;
/** Cards kept per message, and messages per exchange (the last ones: the question asked is last). */
export const MAX_CARDS = 6;
export const MAX_REPLIES = 8;
/** What stands for a secret in the history (a resume code the user typed or was given). */
export const HIDDEN = '••••';

/** What a page shows again: in order, what the user said and what the bot answered. */
export type HistoryItem = { kind: 'said'; text: string } | { kind: 'reply'; message: OutMessage };

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function hide(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s === '' ? t : t.split(s).join(HIDDEN)), text);
}

/**
 * A bot message as the history keeps it: no buttons nor progress (they belong to the live
 * question), texts cut, at most MAX_CARDS cards, and every secret replaced by HIDDEN (a card
 * whose link holds one loses its link).
 */
export function keptMessage(msg: OutMessage, secrets: readonly string[] = []): OutMessage {
  const kept: OutMessage = { text: cut(hide(msg.text, secrets), MAX_REPLY_CHARS), choices: [], cards: [] };
  if (msg.detail) kept.detail = cut(hide(msg.detail, secrets), MAX_REPLY_CHARS);
  if (msg.detail && msg.detailLabel) kept.detailLabel = msg.detailLabel;
  kept.cards = msg.cards.slice(0, MAX_CARDS).map((card) => {
    const out = { ...card };
    if (card.text) out.text = cut(hide(card.text, secrets), MAX_CARD_CHARS);
    if (card.detail) out.detail = cut(hide(card.detail, secrets), MAX_CARD_CHARS);
    if (card.url && secrets.some((s) => s !== '' && card.url!.includes(s))) {
      delete out.url;
      delete out.linkLabel;
    }
    return out;
  });
  return kept;
}

/** An exchange as the history keeps it (see keptMessage); `said` is hidden whole when it was a secret. */
export function keptEntry(entry: { at: string; said?: string; secret?: boolean; replies: OutMessage[] }, secrets: readonly string[] = []): HistoryEntry {
  const said = entry.said?.trim();
  return {
    at: entry.at,
    ...(said ? { said: entry.secret ? HIDDEN : cut(hide(said, secrets), MAX_SAID_CHARS) } : {}),
    replies: entry.replies
      .filter((m) => m.text.trim() !== '' || m.cards.length > 0 || m.detail)
      .slice(-MAX_REPLIES)
      .map((m) => keptMessage(m, secrets)),
  };
}

/** Bytes of a text in UTF-8 (without encoding it). */
function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: 4 bytes for its 2 characters.
      bytes += 2;
      i++;
    } else if (code >= 0x800) bytes += 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

/** Bytes of a value as JSON in UTF-8. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value));
}

/**
 * The history with `entries` added at the end (already as kept: see keptEntry), then the oldest
 * exchanges dropped until at most MAX_HISTORY_EXCHANGES remain and their JSON takes at most
 * `maxBytes`. An exchange larger than `maxBytes` on its own is not kept.
 */
export function appendHistory(history: readonly HistoryEntry[], entries: readonly HistoryEntry[], maxBytes = MAX_HISTORY_BYTES): HistoryEntry[] {
  const numbered = numberedHistory(history);
  let n = numbered.at(-1)?.n ?? 0;
  const added = entries.filter((e) => e.said !== undefined || e.replies.length > 0).map((e) => ({ ...e, n: (n += 1) }));
  return trimHistory([...numbered, ...added].slice(-MAX_HISTORY_EXCHANGES), maxBytes);
}

/**
 * The history with every exchange numbered, increasing: as it is when each was added by
 * appendHistory; a history of an older version (no numbers, or numbers out of order) is
 * numbered again from 1.
 */
export function numberedHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
  const ordered = history.every((e, i) => e.n !== undefined && (i === 0 || e.n > history[i - 1]!.n!));
  return ordered ? [...history] : history.map((e, i) => ({ ...e, n: i + 1 }));
}

/** The most recent exchanges whose JSON (as an array) takes at most `maxBytes`. */
export function trimHistory(history: readonly HistoryEntry[], maxBytes: number): HistoryEntry[] {
  // One measure of the whole (the usual case: it fits), then the oldest out one by one.
  let bytes = jsonBytes(history);
  let from = 0;
  while (bytes > maxBytes && from < history.length) {
    // The entry and the comma after it (or, for the last one, nothing: `[]` stays).
    bytes -= jsonBytes(history[from]) + (from < history.length - 1 ? 1 : 0);
    from += 1;
  }
  return history.slice(from);
}

/** What a page shows again, in order: what the user said, then the bot's messages, exchange after exchange. */
export function historyItems(history: readonly HistoryEntry[]): HistoryItem[] {
  return history.flatMap((entry): HistoryItem[] => [
    ...(entry.said !== undefined ? [{ kind: 'said' as const, text: entry.said }] : []),
    ...entry.replies.map((message) => ({ kind: 'reply' as const, message })),
  ]);
}
