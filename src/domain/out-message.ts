import { z } from 'zod';

/** A button: `label` is shown, `value` comes back as the answer when it is pressed. */
export const Choice = z.object({ label: z.string().min(1), value: z.string().min(1) });

/** A card with an optional link, e.g. a recommended tool and the reason it was chosen. */
export const Card = z.object({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  text: z.string().optional(),
  url: z.url().optional(),
  linkLabel: z.string().optional(),
});

/**
 * A channel-neutral bot message: dialogs produce these, and each channel's renderer decides
 * how they look (web chat bubbles and buttons, Teams Adaptive Cards). `text` is a small markdown
 * subset: **bold**, *italic*, lists, [links](https://...).
 */
export const OutMessage = z.object({
  text: z.string(),
  choices: z.array(Choice).default([]),
  cards: z.array(Card).default([]),
});

export type Choice = z.infer<typeof Choice>;
export type Card = z.infer<typeof Card>;
export type OutMessage = z.infer<typeof OutMessage>;
export type OutMessageInput = z.input<typeof OutMessage>;

export function message(text: string, extra: Partial<Pick<OutMessage, 'choices' | 'cards'>> = {}): OutMessage {
  return { text, choices: extra.choices ?? [], cards: extra.cards ?? [] };
}
