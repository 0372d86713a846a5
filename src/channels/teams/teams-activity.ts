import { z } from 'zod';

const Account = z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

/**
 * The part of a Bot Framework activity the Teams channel reads. Loose objects: Teams adds fields
 * over time, and the adapter needs the whole activity, not our subset.
 */
export const TeamsActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  serviceUrl: z.url({ error: 'serviceUrl doit être une adresse http(s)' }),
  channelId: z.string().min(1),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  text: z.string().optional(),
  value: z.unknown().optional(),
  locale: z.string().optional(),
  action: z.string().optional(),
  entities: z
    .array(z.looseObject({ type: z.string(), text: z.string().optional(), mentioned: Account.optional() }))
    .optional(),
  membersAdded: z.array(Account).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
});
export type TeamsActivity = z.infer<typeof TeamsActivity>;

/** What an Adaptive Card button sends back (see render-teams): the choice's value and label. */
export const CardSubmit = z.looseObject({ answer: z.string().min(1).max(200), label: z.string().max(200).optional() });
