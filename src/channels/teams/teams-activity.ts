import { z } from 'zod';

/** Longest id, URL and short code kept from an activity: far above what Teams sends, far below what would weigh. */
export const MAX_ID = 512;
export const MAX_URL = 2048;
export const MAX_CODE = 64;
export const MAX_NAME = 256;
/** Longest message text read (the turn answers « trop long » above MAX_TEXT_LENGTH anyway). */
export const MAX_TEXT = 30_000;

const Id = z.string().min(1).max(MAX_ID);
const Code = z.string().max(MAX_CODE);
const Account = z.looseObject({ id: Id, name: z.string().max(MAX_NAME).optional(), aadObjectId: z.string().max(MAX_ID).optional() });

/**
 * The part of a Bot Framework activity the Teams channel reads, every string we read bounded.
 * Loose objects: Teams adds fields over time, and the adapter needs the whole activity, not our
 * subset; what is stored is copied field by field (see `linkOf`), never these objects.
 */
export const TeamsActivity = z.looseObject({
  type: z.string().min(1).max(MAX_CODE),
  id: z.string().max(MAX_ID).optional(),
  serviceUrl: z.url({ error: 'serviceUrl doit être une adresse http(s)' }).max(MAX_URL),
  channelId: z.string().min(1).max(MAX_CODE),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: Id,
    conversationType: Code.optional(),
    tenantId: z.string().max(MAX_ID).optional(),
    isGroup: z.boolean().optional(),
  }),
  text: z.string().max(MAX_TEXT).optional(),
  value: z.unknown().optional(),
  locale: Code.optional(),
  action: Code.optional(),
  deliveryMode: Code.optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(MAX_CODE), text: z.string().max(MAX_TEXT).optional(), mentioned: Account.optional() }))
    .optional(),
  membersAdded: z.array(Account).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(MAX_ID) }).optional() }).optional(),
});
export type TeamsActivity = z.infer<typeof TeamsActivity>;

/** What an Adaptive Card button sends back (see render-teams): the choice's value and label. */
export const CardSubmit = z.looseObject({ answer: z.string().min(1).max(200), label: z.string().max(200).optional() });

/** The turn-state key under which the endpoint leaves the activity it parsed, for the channel. */
export const PARSED_ACTIVITY = 'compagnon.teams.activity';
