import type { OutMessage } from '../../messages/out-message.js';

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
