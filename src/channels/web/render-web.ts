import type { OutMessage } from '../../domain/out-message.js';

/**
 * A bot message as the web chat page shows it. The web adapter copies `channelData` into the
 * frame it sends, so the page receives `{ type, text, quick_replies, cards }`.
 */
export function renderWeb(msg: OutMessage) {
  return {
    type: 'message' as const,
    text: msg.text,
    channelData: {
      quick_replies: msg.choices.map((c) => ({ title: c.label, payload: c.value })),
      cards: msg.cards,
    },
  };
}

/** The frame the page receives for a message (what the adapter makes of `renderWeb`'s activity). */
export function webFrame(msg: OutMessage): Record<string, unknown> {
  const activity = renderWeb(msg);
  return { type: activity.type, text: activity.text, ...activity.channelData };
}
