import { z } from 'zod';

/** What the web chat page may send over the websocket; anything else is answered as malformed. */
export const InboundFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    text: z.string().default(''),
    /** Value of the button pressed, when the message comes from a button. */
    value: z.string().max(200).optional(),
  }),
  z.object({ type: z.enum(['hello', 'welcome_back']) }),
]);

export type InboundFrame = z.infer<typeof InboundFrame>;
