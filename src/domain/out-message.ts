import { z } from 'zod';

/** A button: `label` is shown, `value` comes back as the answer when it is pressed. */
export const Choice = z.object({ label: z.string().min(1), value: z.string().min(1) });

/**
 * A card with an optional link, e.g. a recommended tool and the reason it was chosen. `text` is
 * short (one line: why this tool); `detail` is what a reader may unfold (what the tool is, where
 * to find it).
 */
export const Card = z.object({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  text: z.string().optional(),
  url: z.url().optional(),
  linkLabel: z.string().optional(),
  detail: z.string().optional(),
  /**
   * Text the reader may copy with one press (an invitation with its link, a calendar address):
   * the web chat shows a « Copier » button; Teams has none (the message's text holds it).
   */
  copy: z.string().max(2000).optional(),
});

/** Where the user stands in a series of questions (« Diagnostic 3/7 »): shown beside the conversation. */
export const Progress = z.object({
  /** What is under way, worded (« Diagnostic »). */
  label: z.string().min(1),
  /** The question being asked, from 1. */
  position: z.number().int().min(1),
  total: z.number().int().min(1),
});

/**
 * A channel-neutral bot message: dialogs produce these, and each channel's renderer decides
 * how they look (web chat bubbles and buttons, Teams Adaptive Cards). `text` is a small markdown
 * subset: **bold**, *italic*, lists, [links](https://...), and stays short (one idea, at most
 * `MESSAGE_BUDGET` characters). `detail` (same markdown) is what the reader may unfold behind
 * `detailLabel` (« Lire la suite » when absent): on the web an expandable block, in Teams a
 * card that opens (Action.ShowCard). `progress`: set by the question of a series.
 */
export const OutMessage = z.object({
  text: z.string(),
  choices: z.array(Choice).default([]),
  cards: z.array(Card).default([]),
  detail: z.string().optional(),
  detailLabel: z.string().optional(),
  progress: Progress.optional(),
});

export type Choice = z.infer<typeof Choice>;
export type Card = z.infer<typeof Card>;
export type Progress = z.infer<typeof Progress>;
export type OutMessage = z.infer<typeof OutMessage>;
export type OutMessageInput = z.input<typeof OutMessage>;

/** Characters of `text` one message shows at most (its `detail` and cards aside): one idea per bubble. */
export const MESSAGE_BUDGET = 600;

type Extra = Partial<Pick<OutMessage, 'choices' | 'cards' | 'detail' | 'detailLabel' | 'progress'>>;

export function message(text: string, extra: Extra = {}): OutMessage {
  const out: OutMessage = { text, choices: extra.choices ?? [], cards: extra.cards ?? [] };
  if (extra.detail) out.detail = extra.detail;
  if (extra.detail && extra.detailLabel) out.detailLabel = extra.detailLabel;
  if (extra.progress) out.progress = extra.progress;
  return out;
}
