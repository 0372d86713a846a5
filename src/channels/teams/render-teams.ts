import type { Activity, Attachment } from 'botbuilder';
import type { Content } from '../../content/content.js';
import type { Card, Choice, OutMessage } from '../../domain/out-message.js';
import { splitForTeams, toTeamsMarkdown } from './teams-markdown.js';
import { MAX_BUTTON_LABEL, shortLabel } from '../../text/short-label.js';

/** Teams renders Adaptive Cards up to schema 1.5. */
export const ADAPTIVE_CARD_VERSION = '1.5';
/** Characters of text per Teams message: far under the ~80 KB limit even in 4-byte UTF-8. */
export const MAX_TEXT_CHARS = 12_000;
/** Buttons per row of actions at most: Teams folds more than this behind « … ». */
export const ACTIONS_PER_SET = 6;
/**
 * Characters of a button title Teams shows whole: it never wraps a title, it clips it. A longer
 * label is shortened on the button (at a word, with « … »); the chat still shows the whole label
 * as the user's message, and the dialogs give short labels in the first place (`shortTitle`).
 */
export const MAX_BUTTON_TITLE = MAX_BUTTON_LABEL;
/** A detail longer than this is sent as text after the message rather than inside a card. */
const MAX_DETAIL_IN_CARD = 8_000;
/** Tool cards per Adaptive Card or per carousel (Teams shows at most 10 side by side). */
export const CARDS_PER_ATTACHMENT = 10;

export interface TeamsRenderLabels {
  /** Label of a card's link button when the card does not name one. */
  openLink: string;
  /** Label of the button that unfolds a message's or a card's detail when it does not name one (« Lire la suite »). */
  readMore: string;
}

/** The labels the Teams renderer takes from the content (`ui.json` › `labels`). */
export function teamsRenderLabels(content: Pick<Content, 'ui'>): TeamsRenderLabels {
  return { openLink: content.ui.labels.openLink, readMore: content.ui.labels.readMore };
}

type TeamsReply = Partial<Activity>;

/**
 * Channel-neutral messages as Teams shows them: the text as markdown (split when long), tool
 * cards as Adaptive Cards with an « Ouvrir » link, and choices as buttons whose value comes back
 * as the answer (also shown in the chat as if typed, so the conversation reads naturally).
 */
export function renderTeams(messages: OutMessage[], labels: TeamsRenderLabels): TeamsReply[] {
  return messages.flatMap((msg) => renderOne(msg, labels));
}

function renderOne(msg: OutMessage, labels: TeamsRenderLabels): TeamsReply[] {
  // A detail too long for a card is read as text after the message.
  const longDetail = msg.detail !== undefined && msg.detail.length > MAX_DETAIL_IN_CARD;
  const fullText = longDetail ? `${msg.text}\n\n${msg.detail}` : msg.text;
  const texts = fullText.trim() === '' ? [] : splitForTeams(toTeamsMarkdown(fullText), MAX_TEXT_CHARS);
  const replies: TeamsReply[] = texts.map((text) => ({ type: 'message', text, textFormat: 'markdown' }));
  const detail = msg.detail && !longDetail ? { label: msg.detailLabel ?? labels.readMore, text: msg.detail } : undefined;

  if (msg.cards.length > 1) return [...replies, ...carousel(msg, labels, detail)];

  const cardGroups = chunk(msg.cards, CARDS_PER_ATTACHMENT);
  // The detail unfolds under the text (the first card), the buttons come last.
  const attachments = cardGroups.map((cards, i) =>
    adaptiveCard([...cards.flatMap((card, j) => cardBody(card, labels, i + j > 0))], i === cardGroups.length - 1 ? msg.choices : [], i === 0 ? detail : undefined),
  );
  if (cardGroups.length === 0 && (msg.choices.length > 0 || detail)) attachments.push(adaptiveCard([], msg.choices, detail));

  // A lone card after a text reads as part of it: send them together.
  const last = replies.at(-1);
  if (last && attachments.length === 1) last.attachments = attachments;
  else for (const attachment of attachments) replies.push({ type: 'message', attachments: [attachment] });
  return replies;
}

/**
 * Several cards side by side (Teams' carousel: one compact Adaptive Card each, swiped on a phone),
 * then the message's own detail and buttons in a card of their own under them.
 */
function carousel(msg: OutMessage, labels: TeamsRenderLabels, detail: { label: string; text: string } | undefined): TeamsReply[] {
  const out: TeamsReply[] = chunk(msg.cards, CARDS_PER_ATTACHMENT).map((cards) => ({
    type: 'message',
    attachmentLayout: 'carousel',
    attachments: cards.map((card) => adaptiveCard(cardBody(card, labels, false), [])),
  }));
  if (msg.choices.length > 0 || detail) out.push({ type: 'message', attachments: [adaptiveCard([], msg.choices, detail)] });
  return out;
}

function cardBody(card: Card, labels: TeamsRenderLabels, separator: boolean): unknown[] {
  const items: unknown[] = [{ type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  if (card.subtitle) items.push({ type: 'TextBlock', text: card.subtitle, isSubtle: true, spacing: 'None', wrap: true });
  if (card.text) items.push({ type: 'TextBlock', text: toTeamsMarkdown(card.text), wrap: true });
  const body: unknown[] = [{ type: 'Container', ...(separator ? { separator: true, spacing: 'Medium' } : { spacing: 'None' }), items }];
  const actions: unknown[] = [];
  if (card.url) actions.push({ type: 'Action.OpenUrl', title: buttonTitle(card.linkLabel ?? labels.openLink), url: card.url });
  if (card.detail) actions.push(showCard(labels.readMore, card.detail));
  if (actions.length > 0) body.push({ type: 'ActionSet', actions });
  return body;
}

/** A button that unfolds `text` under the card (Teams shows it in place, and folds it again). */
function showCard(label: string, text: string) {
  return {
    type: 'Action.ShowCard',
    title: buttonTitle(label),
    card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: toTeamsMarkdown(text), wrap: true }] },
  };
}

function choiceAction(choice: Choice) {
  return {
    type: 'Action.Submit',
    title: buttonTitle(choice.label),
    // In Teams, messageBack shows the label in the chat as the user's message and sends `value`;
    // other hosts (the Emulator) send `data` itself. Both carry `answer`.
    data: {
      answer: choice.value,
      label: choice.label,
      msteams: { type: 'messageBack', displayText: choice.label, text: choice.label, value: JSON.stringify({ answer: choice.value, label: choice.label }) },
    },
  };
}

function adaptiveCard(body: unknown[], choices: Choice[], detail?: { label: string; text: string }): Attachment {
  const rows = balancedRows(choices, ACTIONS_PER_SET).map((set) => ({ type: 'ActionSet', actions: set.map(choiceAction) }));
  const unfold = detail ? [{ type: 'ActionSet', actions: [showCard(detail.label, detail.text)] }] : [];
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      body: [...unfold, ...body, ...rows],
    },
  };
}

/** A label as a Teams button shows it whole (see `shortLabel`). */
function buttonTitle(label: string): string {
  return shortLabel(label, MAX_BUTTON_TITLE);
}

/**
 * Buttons in rows of at most `size`, as even as can be (the longer rows first): 7 buttons are
 * 4 + 3, 11 are 6 + 5, and no row holds a lone « 17 h » under five others.
 */
export function balancedRows<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [];
  const rows = Math.ceil(items.length / size);
  const base = Math.floor(items.length / rows);
  const longer = items.length % rows;
  const out: T[][] = [];
  let at = 0;
  for (let r = 0; r < rows; r++) {
    const n = base + (r < longer ? 1 : 0);
    out.push(items.slice(at, at + n));
    at += n;
  }
  return out;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
