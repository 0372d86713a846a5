import { explainAcronyms, type Acronyms } from '../text/explain-acronyms.js';
import type { OutMessage } from './out-message.js';

/**
 * Acronyms explained at their first use in each message, and in each card (a card is read on its
 * own); a message's or card's detail continues its text (an acronym explained above is not
 * explained again below). Button labels stay short: they are not touched.
 */
export function explainInMessages(messages: OutMessage[], acronyms: Acronyms): OutMessage[] {
  return messages.map((m) => {
    const seen = new Set<string>();
    const out: OutMessage = {
      ...m,
      text: explainAcronyms(m.text, acronyms, seen),
      cards: m.cards.map((c) => {
        const inCard = new Set<string>();
        const card = c.text ? { ...c, text: explainAcronyms(c.text, acronyms, inCard) } : { ...c };
        if (c.detail) card.detail = explainAcronyms(c.detail, acronyms, inCard);
        return card;
      }),
    };
    if (m.detail) out.detail = explainAcronyms(m.detail, acronyms, seen);
    return out;
  });
}
