import { z } from 'zod';
import { DialogFrame } from './dialog-frame.js';
import { OutMessage } from './out-message.js';
import { HistoryEntry } from './conversation-history.js';

export const Profile = z.object({
  actor: z.string().optional(),
  /** Chosen option per profile dimension of the actor (dimension id → option id). */
  options: z.record(z.string(), z.string()).default({}),
  departement: z.string().optional(),
  completedAt: z.string().optional(),
});

/**
 * `level` null means the user skipped the need, or, with `unknown`, answered « je ne sais pas »
 * (then a need to explore). Records from before `unknown` existed load unchanged.
 */
export const NeedAnswer = z.object({ level: z.number().int().min(1).nullable(), at: z.string(), unknown: z.literal(true).optional() });

export const DiagnosisResults = z.object({
  at: z.string(),
  priorities: z.array(z.string()),
  tools: z.array(z.string()),
});

export const Diagnosis = z.object({
  answers: z.record(z.string(), NeedAnswer).default({}),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  results: DiagnosisResults.optional(),
});

/** Where the user stands in the 3-step method and the evaluation; each part is kept once done. */
export const MethodProgress = z.object({
  objectives: z
    .object({
      /** 0 to `max` each; records from before the 0-10 scale have no `max` and were given on 0-5. */
      weights: z.record(z.string(), z.number().int().min(0).max(10)),
      max: z.number().int().min(1).max(10).optional(),
      at: z.string(),
    })
    .optional(),
  model: z.object({ category: z.string(), model: z.string(), at: z.string() }).optional(),
  ecosystem: z
    .object({ functions: z.record(z.string(), z.enum(['need', 'already', 'none'])), at: z.string() })
    .optional(),
  evaluation: z.object({ answers: z.record(z.string(), z.string()), at: z.string() }).optional(),
});

const TeamsId = z.string().min(1).max(512);
const TeamsCode = z.string().max(64);

/**
 * Where to reach a Teams user in their personal chat with the bot, kept so that the bot can write
 * first (the weekly Thursday prompt). `reference` holds the fields of Bot Framework's
 * ConversationReference that a proactive message needs, and nothing else: every string bounded,
 * unknown fields (kept verbatim by older versions) dropped when read.
 */
export const TeamsLink = z.object({
  reference: z.object({
    serviceUrl: z.string().min(1).max(2048),
    channelId: TeamsCode.min(1),
    conversation: z.object({ id: TeamsId, tenantId: TeamsId.optional(), conversationType: TeamsCode.optional() }),
    user: z.object({ id: TeamsId, aadObjectId: TeamsId.optional() }).optional(),
    bot: z.object({ id: TeamsId, name: z.string().max(256).optional() }).optional(),
    locale: TeamsCode.optional(),
  }),
  tenantId: TeamsId.optional(),
  aadObjectId: TeamsId.optional(),
  locale: TeamsCode.optional(),
  updatedAt: z.string().max(64),
});

/** Browsers notified (Web Push) of a Thursday prompt while no page is open: a few per user. */
export const MAX_PUSH_SUBSCRIPTIONS = 3;

/**
 * One browser's Web Push subscription, as the browser gives it (PushSubscription.toJSON()): the
 * push service's address for this browser and the keys that encrypt for it. Every string bounded.
 */
export const PushSubscription = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(1024),
  keys: z.object({ p256dh: z.string().min(1).max(256), auth: z.string().min(1).max(64) }),
  /** When the browser was added. */
  at: z.string().max(64),
});

/** The user's subscription to the weekly « Jeudis de l'ODD 17 » prompt. */
export const JeudisSubscription = z.object({
  active: z.boolean(),
  /** Local hour of the prompt, in `timeZone`. */
  hour: z.number().int().min(0).max(23),
  timeZone: z.string(),
  since: z.string(),
  /** No prompt before this local date (YYYY-MM-DD): « je suis en congés ». */
  pausedUntil: z.string().optional(),
  /** Set when a send failed for good (app removed, conversation gone): no more prompts. */
  deactivated: z.object({ at: z.string(), reason: z.string() }).optional(),
  /** The local date of the last Thursday a prompt was delivered. */
  lastPrompt: z.string().optional(),
  /** The resource of the week of the last prompt (a tool id). */
  lastResource: z.string().optional(),
  /** Tools already given as a resource of the week, not offered again while others remain. */
  suggestedTools: z.array(z.string()).default([]),
  /**
   * Web chat: the browsers to notify when no page is open (the newest MAX_PUSH_SUBSCRIPTIONS);
   * dropped when the push service says one is gone, at « stop jeudis » and with the record.
   * (The calendar feed's link names `since` and `round`: it stops with the subscription, and a
   * new subscription gets a new link.)
   */
  push: z.array(PushSubscription).optional().catch(undefined),
  /** Subscriptions so far (each new one after a « stop jeudis » counts): with `since`, the version the calendar link names. */
  round: z.number().int().min(0).optional(),
});

export const UserRecord = z.object({
  id: z.string().min(1),
  channel: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  profile: Profile.default({ options: {} }),
  diagnosis: Diagnosis.default({ answers: {} }),
  method: MethodProgress.default({}),
  dialogStack: z.array(DialogFrame).default([]),
  /** A stored link that no longer fits (over-long, from an older version) is dropped, not the whole data file. */
  teams: TeamsLink.optional().catch(undefined),
  jeudis: JeudisSubscription.optional(),
  /** Messages delivered while the user was away (web chat), shown at their next visit. */
  inbox: z.array(OutMessage.extend({ key: z.string() })).default([]),
  /**
   * The conversation so far, shown again when a web page is loaded again (see
   * conversation-history.ts: bounded in exchanges and bytes). Kept for the web chat only (Teams
   * keeps its own chat); a history that no longer reads is dropped, not the whole data file.
   * Each exchange has its number once the store has written it (see StoreBatch.put).
   */
  history: z.array(HistoryEntry).default([]).catch([]),
});

/**
 * A resume code: lets the user continue their web conversation on another device, by its
 * 8-character code typed in that device's chat or by a signed link naming `id`. Only the code's
 * SHA-256 is kept; single use (`usedAt`), kept until it expires (then forgotten), and erased with
 * its user.
 */
export const ResumeGrant = z.object({
  id: z.string().min(1),
  codeHash: z.string().min(1),
  userId: z.string().min(1),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
});

/** A pairing invitation: a short code, usable once, until it expires. */
export const Invite = z.object({
  code: z.string(),
  inviterId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.string().optional(),
});

/**
 * Two users who compare their objectives. Kept apart from both users' records so that one
 * user's turn never writes the other's record.
 */
export const Pairing = z.object({
  id: z.string(),
  users: z.tuple([z.string(), z.string()]),
  since: z.string(),
  cancelledAt: z.string().optional(),
  cancelledBy: z.string().optional(),
});

/** A question the bot could not answer, kept (without its author) for content authors. */
export const UnansweredQuestion = z.object({ text: z.string(), at: z.string(), closest: z.array(z.string()).default([]) });

/** A 👍/👎 on an answer, kept (without its author) for content authors. */
export const AnswerFeedback = z.object({ entry: z.string(), vote: z.enum(['up', 'down']), at: z.string() });

/** What says whether a subscriber is due a Thursday prompt (see dueThursday). */
export const DueSubscription = JeudisSubscription.pick({ active: true, hour: true, timeZone: true, pausedUntil: true, deactivated: true, lastPrompt: true });

export const Database = z.object({
  version: z.literal(1).default(1),
  users: z.record(z.string(), UserRecord).default({}),
  unanswered: z.array(UnansweredQuestion).default([]),
  feedback: z.array(AnswerFeedback).default([]),
  invites: z.record(z.string(), Invite).default({}),
  pairings: z.record(z.string(), Pairing).default({}),
  /** Resume codes under way (see ResumeGrant), by id. */
  resumeGrants: z.record(z.string(), ResumeGrant).default({}),
  /**
   * Users erased (« supprimer mes données », retention): the SHA-256 of their id → the date of the
   * erasure. Nothing else of them is kept; a record under such an id is refused (see UserStore.put).
   */
  erased: z.record(z.string(), z.string()).default({}),
  /**
   * Team and group chats the bot has introduced itself in: the SHA-256 of the conversation id →
   * when. Teams may announce the bot's arrival more than once; the introduction is said once.
   */
  introduced: z.record(z.string(), z.string()).default({}),
  /**
   * The last write-ahead-log generation whose changes this snapshot holds: at start-up only the
   * later ones are replayed over it. Absent in files written before generations were numbered.
   */
  walGeneration: z.number().int().min(0).optional(),
});


export type Profile = z.infer<typeof Profile>;
export type NeedAnswer = z.infer<typeof NeedAnswer>;
export type Diagnosis = z.infer<typeof Diagnosis>;
export type TeamsLink = z.infer<typeof TeamsLink>;
export type JeudisSubscription = z.infer<typeof JeudisSubscription>;
export type PushSubscription = z.infer<typeof PushSubscription>;
export type UserRecord = z.infer<typeof UserRecord>;
export type Database = z.infer<typeof Database>;
export type DueSubscription = z.infer<typeof DueSubscription>;
export type MethodProgress = z.infer<typeof MethodProgress>;
export type Invite = z.infer<typeof Invite>;
export type Pairing = z.infer<typeof Pairing>;
export type UnansweredQuestion = z.infer<typeof UnansweredQuestion>;
export type AnswerFeedback = z.infer<typeof AnswerFeedback>;
export type ResumeGrant = z.infer<typeof ResumeGrant>;

export function newUserRecord(id: string, channel: string, now: Date): UserRecord {
  const at = now.toISOString();
  // zod hands out the same default objects (answers, options, dialogStack...) to every parse:
  // a copy, so that one new user's changes never show in the next one's record.
  return structuredClone(UserRecord.parse({ id, channel, createdAt: at, updatedAt: at }));
}
