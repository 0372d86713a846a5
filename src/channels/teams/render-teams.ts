import type { Activity, Attachment } from 'botbuilder';
import type { Card, Choice, OutMessage } from '../../domain/out-message.js';
import { splitForTeams, toTeamsMarkdown } from './teams-markdown.js';

/** Teams renders Adaptive Cards up to schema 1.5. */
export const ADAPTIVE_CARD_VERSION = '1.5';
/** Characters of text per Teams message: far under the ~80 KB limit even in 4-byte UTF-8. */
export const MAX_TEXT_CHARS = 12_000;
/** Buttons per row of actions: Teams folds more than this behind « … ». */
export const ACTIONS_PER_SET = 5;
/** Tool cards per Adaptive Card, to keep each card far under the size limit. */
export const CARDS_PER_ATTACHMENT = 10;

export interface TeamsRenderLabels {
  /** Label of a card's link button when the card does not name one. */
  openLink: string;
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
  const texts = msg.text.trim() === '' ? [] : splitForTeams(toTeamsMarkdown(msg.text), MAX_TEXT_CHARS);
  const replies: TeamsReply[] = texts.map((text) => ({ type: 'message', text, textFormat: 'markdown' }));

  const cardGroups = chunk(msg.cards, CARDS_PER_ATTACHMENT);
  const attachments = cardGroups.map((cards, i) =>
    adaptiveCard([...cards.flatMap((card, j) => cardBody(card, labels, i + j > 0))], i === cardGroups.length - 1 ? msg.choices : []),
  );
  if (cardGroups.length === 0 && msg.choices.length > 0) attachments.push(adaptiveCard([], msg.choices));

  // A lone card after a text reads as part of it: send them together.
  const last = replies.at(-1);
  if (last && attachments.length === 1) last.attachments = attachments;
  else for (const attachment of attachments) replies.push({ type: 'message', attachments: [attachment] });
  return replies;
}

function cardBody(card: Card, labels: TeamsRenderLabels, separator: boolean): unknown[] {
  const items: unknown[] = [{ type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  if (card.subtitle) items.push({ type: 'TextBlock', text: card.subtitle, isSubtle: true, spacing: 'None', wrap: true });
  if (card.text) items.push({ type: 'TextBlock', text: toTeamsMarkdown(card.text), wrap: true });
  const body: unknown[] = [{ type: 'Container', separator, spacing: separator ? 'Medium' : 'None', items }];
  if (card.url) {
    body.push({ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: card.linkLabel ?? labels.openLink, url: card.url }] });
  }
  return body;
}

function choiceAction(choice: Choice) {
  return {
    type: 'Action.Submit',
    title: choice.label,
    // In Teams, messageBack shows the label in the chat as the user's message and sends `value`;
    // other hosts (the Emulator) send `data` itself. Both carry `answer`.
    data: {
      answer: choice.value,
      label: choice.label,
      msteams: { type: 'messageBack', displayText: choice.label, text: choice.label, value: JSON.stringify({ answer: choice.value, label: choice.label }) },
    },
  };
}

function adaptiveCard(body: unknown[], choices: Choice[]): Attachment {
  const actionSets = chunk(choices, ACTIONS_PER_SET).map((set) => ({ type: 'ActionSet', actions: set.map(choiceAction) }));
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      body: [...body, ...actionSets],
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
