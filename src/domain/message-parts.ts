import { splitLead } from '../text/sentences.js';
import type { OutMessage } from './out-message.js';

/*
 * How a template cuts what it says, each marker alone on its line:
 * - `[[bulle]]` starts another message: one idea per bubble;
 * - `[[suite]]`, or `[[suite : Voir les deux catégories]]`: what follows is the message's `detail`,
 *   unfolded behind that label (« Lire la suite » when none is given), up to the next `[[bulle]]`.
 * The typography of templates puts a no-break space before « : », hence `\s` below.
 */
const BUBBLE = /^[ \t]*\[\[bulle\]\][ \t]*$/gm;
const DETAIL = /^[ \t]*\[\[suite(?:\s*:\s*([^\]\n]*?))?\s*\]\][ \t]*$/m;
const ANY_MARKER = /\[\[(?:bulle|suite)\b/;
/** Room (characters) worth filling with the first sentences of a paragraph that does not fit whole. */
const MIN_LEAD = 160;

/**
 * The messages as a reader gets them: a message whose text holds `[[bulle]]` lines becomes one
 * message per part (empty parts dropped; its cards, buttons and progress go with the last part,
 * which asks the question), and a `[[suite]]` line moves the rest of its part into `detail`
 * (before any detail the message already had). Messages without markers are returned as they are.
 */
export function shapeMessages(messages: OutMessage[]): OutMessage[] {
  return messages.flatMap((m) => (ANY_MARKER.test(m.text) ? shapeOne(m) : [m]));
}

function shapeOne(m: OutMessage): OutMessage[] {
  const parts = m.text.split(BUBBLE).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) parts.push('');
  return parts.map((part, i) => {
    const last = i === parts.length - 1;
    const { text, detail, detailLabel } = cutDetail(part);
    const out: OutMessage = last ? { ...m, text } : { text, choices: [], cards: [] };
    if (!last) return withDetail(out, detail, detailLabel);
    const details = [detail, m.detail].filter((d): d is string => Boolean(d));
    delete out.detail;
    delete out.detailLabel;
    return withDetail(out, details.join('\n\n') || undefined, detailLabel ?? m.detailLabel);
  });
}

function cutDetail(part: string): { text: string; detail?: string; detailLabel?: string } {
  const cut = DETAIL.exec(part);
  if (!cut) return { text: part };
  const detail = part.slice(cut.index + cut[0].length).trim();
  return { text: part.slice(0, cut.index).trim(), detail: detail || undefined, detailLabel: cut[1]?.trim() || undefined };
}

function withDetail(m: OutMessage, detail: string | undefined, label: string | undefined): OutMessage {
  if (!detail) return m;
  return label ? { ...m, detail, detailLabel: label } : { ...m, detail };
}

/**
 * A message whose text is not cut by a template (an answer from the content, whose length depends
 * on the entry) held to `budget` characters: its first paragraphs stay; the first one that does
 * not fit whole gives its first sentences (or, when even the first sentence is too long, its first
 * words and « … ») if there is room for them; the rest moves to the front of its detail.
 */
export function fitToBudget(m: OutMessage, budget: number): OutMessage {
  if (m.text.length <= budget) return m;
  const blocks = m.text.split(/\n{2,}/);
  const kept: string[] = [];
  let length = 0;
  let next = 0;
  for (; next < blocks.length; next++) {
    const block = blocks[next]!;
    const separator = kept.length > 0 ? 2 : 0;
    if (length + separator + block.length <= budget) {
      kept.push(block);
      length += separator + block.length;
      continue;
    }
    const room = budget - length - separator;
    // A heading alone says nothing: the paragraph that does not fit fills the room left.
    if (room >= MIN_LEAD || kept.length === 0) {
      const [lead, rest] = leadWithin(block, room);
      kept.push(lead);
      blocks[next] = rest;
      if (rest === '') next++;
    }
    break;
  }
  const moved = blocks.slice(next).filter((b) => b !== '');
  if (moved.length === 0) return m;
  const detail = [moved.join('\n\n'), m.detail].filter(Boolean).join('\n\n');
  return { ...m, text: kept.join('\n\n'), detail };
}

/** The first sentences of `block` within `room` characters, or its first words and « … »; and the rest. */
function leadWithin(block: string, room: number): [string, string] {
  const [lead, rest] = splitLead(block, room);
  // A date or a label before a long sentence (« Octobre 2019. ») is not a lead: words are.
  if (lead.length <= room && (rest === '' || lead.length >= room / 2)) return [lead, rest];
  const cut = block.lastIndexOf(' ', room - 1);
  const at = cut > 0 ? cut : room - 1;
  return [`${block.slice(0, at).trimEnd()}…`, `…${block.slice(at).trimStart()}`];
}
