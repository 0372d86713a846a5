import type { OutMessage } from '../../domain/out-message.js';

/** What the page needs to know about a frame besides the message itself. */
export interface WebFrameOptions {
  /** The last message of a turn: the page then moves the focus and updates the progress. */
  last?: boolean;
  /** A message of the conversation so far, shown again when the page is loaded: no pause, no announcement, no buttons. */
  history?: boolean;
}

/**
 * A bot message as the web chat page shows it. The web adapter copies `channelData` into the
 * frame it sends, so the page receives `{ type, text, quick_replies, cards, detail, detailLabel,
 * progress, last, history }` (the optional ones only when set).
 */
export function renderWeb(msg: OutMessage, options: WebFrameOptions = {}) {
  const channelData: Record<string, unknown> = {
    quick_replies: msg.choices.map((c) => ({ title: c.label, payload: c.value })),
    cards: msg.cards,
  };
  if (msg.detail) channelData.detail = msg.detail;
  if (msg.detail && msg.detailLabel) channelData.detailLabel = msg.detailLabel;
  if (msg.progress) channelData.progress = msg.progress;
  if (options.last) channelData.last = true;
  if (options.history) channelData.history = true;
  return { type: 'message' as const, text: msg.text, channelData };
}

/** The frame the page receives for a message (what the adapter makes of `renderWeb`'s activity). */
export function webFrame(msg: OutMessage, options: WebFrameOptions = {}): Record<string, unknown> {
  const activity = renderWeb(msg, options);
  return { type: activity.type, text: activity.text, ...activity.channelData };
}

/** The frames of one turn's replies, the last one marked as such. */
export function renderWebTurn(replies: OutMessage[]) {
  return replies.map((m, i) => renderWeb(m, { last: i === replies.length - 1 }));
}

/**
 * A message of the conversation so far, as the page shows it again when it is loaded: the user's
 * words (`from: 'user'`) or a bot message, marked `history` (shown at once, without buttons,
 * pauses or announcements).
 */
export function webHistoryFrame(item: { kind: 'said'; text: string } | { kind: 'reply'; message: OutMessage }): Record<string, unknown> {
  if (item.kind === 'said') return { type: 'message', from: 'user', text: item.text, history: true };
  return webFrame(item.message, { history: true });
}
