import type pg from 'pg';
import { z } from 'zod';
import { OutMessage } from '../../../domain/out-message.js';
import { heardFrom } from './heard-from.js';

/** The channel the servers tell each other about a user's open pages on. */
export const LIVE_CHANNEL = 'odd17_live';
/** PostgreSQL's payload limit (8,000 bytes), with room to spare. */
const MAX_LIVE_BYTES = 7_500;

/**
 * A message from one server to the others about a user's open pages (PostgreSQL's `NOTIFY`): a
 * Thursday prompt shown live (`prompt`, with its delivery key), or the replies of a turn the user
 * had on that server (`turn`), for their pages open on the others.
 */
const LiveNotice = z.object({
  from: z.string(),
  kind: z.enum(['prompt', 'turn']).default('prompt'),
  userId: z.string().max(300),
  key: z.string().max(200),
  messages: z.array(OutMessage).max(20),
  /** The last part of a turn's replies (the page then takes the turn as complete). */
  last: z.boolean().default(true),
  /** When the turn replied (wall-clock milliseconds): pages opened later have its replies in their history. */
  at: z.number().optional(),
});
/** What a server publishes (`kind` and `last` have defaults)… */
export type LiveMessage = Omit<z.input<typeof LiveNotice>, 'from'>;
/** …and what the others hear. */
export type HeardLive = Omit<z.output<typeof LiveNotice>, 'from'>;

/**
 * Pages of a user open on another server: `publish` tells the other servers, `subscribe` hears
 * what they publish (never this server's own). A notification holds about 7,500 bytes at most
 * (PostgreSQL's payload limit): a turn's replies too long for one go in several, in order (the
 * last one alone marked `last`); a prompt too long, or anything not sent, is told false.
 */
export interface LiveRelay {
  publish(message: LiveMessage): Promise<boolean>;
  subscribe(handler: (message: HeardLive) => void): void;
}

/**
 * The relay on PostgreSQL. Messages leave one after the other on a connection of their own: in
 * the order they were published (a turn's replies after the previous turn's), and at once (never
 * behind a pool's queries, which would show a page replies older than it). The server's listener
 * hands what it hears on LIVE_CHANNEL to `hear`.
 */
export class PostgresLiveRelay implements LiveRelay {
  private readonly handlers: Array<(message: HeardLive) => void> = [];
  private publisher: Promise<pg.Client> | undefined;
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    /** This server, in the notifications (it ignores its own). */
    private readonly instance: string,
    /** Opens a connection held out of the pool… */
    private readonly connect: () => Promise<pg.Client>,
    /** …and lets one go (it was lost). */
    private readonly drop: (client: pg.Client) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  async publish(message: LiveMessage): Promise<boolean> {
    const payload = JSON.stringify({ from: this.instance, ...message });
    if (Buffer.byteLength(payload) > MAX_LIVE_BYTES) {
      const { messages } = message;
      if (message.kind !== 'turn' || messages.length < 2) return false;
      // One after the other: the second is notified once the first is.
      const half = Math.ceil(messages.length / 2);
      const first = await this.publish({ ...message, messages: messages.slice(0, half), last: false });
      return (await this.publish({ ...message, messages: messages.slice(half) })) && first;
    }
    try {
      await this.notify(payload);
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }

  subscribe(handler: (message: HeardLive) => void): void {
    this.handlers.push(handler);
  }

  /** A notification heard on LIVE_CHANNEL. */
  hear(payload: string | undefined): void {
    const heard = heardFrom(LiveNotice, payload, this.instance);
    if (heard) for (const handler of this.handlers) handler(heard);
  }

  private notify(payload: string): Promise<void> {
    const sent = this.sending.then(async () => {
      this.publisher ??= this.connect();
      const client = await this.publisher;
      try {
        await client.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
      } catch (err) {
        // A connection lost: the next message opens another.
        this.publisher = undefined;
        this.drop(client);
        throw err;
      }
    });
    this.sending = sent.catch(() => undefined);
    return sent;
  }
}
