import type { Inbound } from '../../conversation/turn-handler.js';
import type { TeamsLink } from '../../domain/user-record.js';
import { CardSubmit, type TeamsActivity } from './teams-activity.js';

/** What the bot does with one Teams activity. */
export type TeamsIntent =
  /** A turn for this user. `link` is set in the personal chat: where to write to them later. */
  | { kind: 'turn'; userId: string; inbound: Inbound; personal: boolean; link?: Omit<TeamsLink, 'updatedAt'> }
  /** The bot was added to a team or a group chat: introduce itself there, once. */
  | { kind: 'introduce' }
  /** The user removed the app: forget where to reach them. */
  | { kind: 'forget'; userId: string }
  | { kind: 'ignore'; reason: string };

/**
 * Records are keyed by tenant and Entra object id when Teams gives them, so that the « Mon bilan »
 * tab (which knows the user only by their SSO token's `tid` and `oid`) finds the same record.
 */
export function teamsUserId(activity: TeamsActivity): string {
  const tenantId = tenantOf(activity);
  const aad = activity.from.aadObjectId;
  if (tenantId && aad) return teamsRecordId(tenantId, aad, activity.channelId);
  return `${activity.channelId}:${activity.from.id}`;
}

/** The record key of a Teams user known by tenant and Entra object id (a message, or the tab's token). */
export function teamsRecordId(tenantId: string, objectId: string, channelId = 'msteams'): string {
  return `${channelId}:${tenantId}:${objectId}`;
}

export function tenantOf(activity: TeamsActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

/** Personal chat with the bot (and the Emulator, which has no conversation type). */
export function isPersonal(activity: TeamsActivity): boolean {
  const type = activity.conversation.conversationType;
  return type === undefined ? activity.conversation.isGroup !== true : type === 'personal';
}

export function readTeamsActivity(activity: TeamsActivity): TeamsIntent {
  const personal = isPersonal(activity);
  const userId = teamsUserId(activity);
  switch (activity.type) {
    case 'message':
      return readMessage(activity, userId, personal);
    case 'conversationUpdate': {
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id) ?? false;
      if (!botAdded) return { kind: 'ignore', reason: 'members changed' };
      if (!personal) return { kind: 'introduce' };
      return { kind: 'turn', userId, inbound: { kind: 'connect' }, personal, link: linkOf(activity) };
    }
    case 'installationUpdate':
      if (personal && activity.action?.startsWith('remove')) return { kind: 'forget', userId };
      return { kind: 'ignore', reason: `installation ${activity.action ?? ''}`.trim() };
    default:
      return { kind: 'ignore', reason: `activity ${activity.type}` };
  }
}

function readMessage(activity: TeamsActivity, userId: string, personal: boolean): TeamsIntent {
  const submit = CardSubmit.safeParse(parseValue(activity.value));
  if (submit.success) {
    const inbound: Inbound = { kind: 'message', text: submit.data.label ?? submit.data.answer, value: submit.data.answer };
    return { kind: 'turn', userId, inbound, personal, link: personal ? linkOf(activity) : undefined };
  }
  const mentioned = mentionsBot(activity);
  // In a team or group chat, people talk to each other: only a message addressed to the bot is for it.
  if (!personal && !mentioned) return { kind: 'ignore', reason: 'not mentioned' };
  const text = plainText(removeBotMentions(activity.text ?? '', activity));
  return { kind: 'turn', userId, inbound: { kind: 'message', text }, personal, link: personal ? linkOf(activity) : undefined };
}

/** Teams' messageBack sends the card's value as a JSON string; other hosts send the object. */
function parseValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function mentionsBot(activity: TeamsActivity): boolean {
  return (activity.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient.id);
}

function removeBotMentions(text: string, activity: TeamsActivity): string {
  let out = text;
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention' || entity.mentioned?.id !== activity.recipient.id || !entity.text) continue;
    out = out.split(entity.text).join(' ');
  }
  return out;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Teams may send formatted text as HTML; the dialogs read plain text. */
export function plainText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/**
 * Where to write to this user later: only the fields a proactive message needs, copied one by one
 * (bounded by the activity schema), never the activity's objects, whose other fields anyone could fill.
 */
export function linkOf(activity: TeamsActivity): Omit<TeamsLink, 'updatedAt'> {
  const { conversation, from, recipient } = activity;
  const tenantId = tenantOf(activity);
  return {
    reference: {
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      conversation: defined({ id: conversation.id, tenantId: conversation.tenantId ?? tenantId, conversationType: conversation.conversationType }),
      user: defined({ id: from.id, aadObjectId: from.aadObjectId }),
      bot: defined({ id: recipient.id, name: recipient.name }),
      ...defined({ locale: activity.locale }),
    },
    ...defined({ tenantId, aadObjectId: from.aadObjectId, locale: activity.locale }),
  };
}

/** The object without its undefined fields (they would be written as absent anyway, but not compared so). */
function defined<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}
