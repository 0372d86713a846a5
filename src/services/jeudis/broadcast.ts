import type { Logger } from 'pino';
import type { RecordUpdate } from '../../conversation/turn-handler.js';
import type { UserRecords } from '../../conversation/ports.js';
import type { Content } from '../../content/content.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserRecord } from '../../domain/user-record.js';
import { composePrompt, type JeudisPrompt } from '../../domain/jeudis/compose-prompt.js';
import { deliveryKey, type DeliveryLedger } from '../../infra/storage/delivery-journal.js';
import type { PromptSender } from './prompt-sender.js';
import type { Clock, Timer } from '../../domain/clock.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SendResult } from './send-result.js';

export interface BroadcastDeps {
  content: Content;
  render: RenderTemplate;
  journal: DeliveryLedger;
  records: UserRecords;
  /** The sender and the rate limiter of a user's channel; none for a channel that cannot be reached. */
  route(user: UserRecord): { sender: PromptSender; limiter: RateLimiter } | undefined;
  logger: Logger;
  /** Retry delays and the broadcast's duration: real waits, even while the day is held still. */
  timer: Timer;
  /** Sends under way at once. */
  concurrency: number;
  /** Tries per tick for a temporary failure, and ticks (claims) before giving up for the day. */
  attemptsPerTick: number;
  claimsPerDay: number;
  backoff: { baseMs: number; maxMs: number };
  /** Randomness for the jitter of retries (tests fix it). */
  random?: () => number;
}

export interface Recipient {
  userId: string;
  thursday: string;
}

export interface BroadcastSummary {
  due: number;
  sent: number;
  /** Already sent, under way, or given up earlier: not sent again. */
  skipped: number;
  deferred: number;
  failed: number;
  deactivated: number;
  durationMs: number;
}

/**
 * Sends the Thursday prompt to each recipient, at most `concurrency` at a time, each through
 * its channel's rate limit. A delivery is claimed in the journal before its send, so that it is
 * never started twice; temporary failures are retried with exponential backoff (honouring
 * Retry-After) and, past a few tries, left for the next tick; a permanent refusal ends the
 * user's subscription.
 */
export async function broadcast(deps: BroadcastDeps, recipients: Recipient[], now: Clock): Promise<BroadcastSummary> {
  const started = deps.timer.elapsedMs();
  const summary: BroadcastSummary = { due: recipients.length, sent: 0, skipped: 0, deferred: 0, failed: 0, deactivated: 0, durationMs: 0 };
  let next = 0;
  const worker = async () => {
    while (next < recipients.length) {
      const recipient = recipients[next++] as Recipient;
      const outcome = await deliverOne(deps, recipient, now).catch((err: unknown) => {
        deps.logger.error({ err, userId: recipient.userId }, 'jeudis delivery crashed');
        return 'deferred' as const;
      });
      summary[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, recipients.length)) }, worker));
  summary.durationMs = Math.round(deps.timer.elapsedMs() - started);
  return summary;
}

type Outcome = 'sent' | 'skipped' | 'deferred' | 'failed' | 'deactivated';

async function deliverOne(deps: BroadcastDeps, recipient: Recipient, now: Clock): Promise<Outcome> {
  // Read now, not when the list was made: the user may have stopped the prompts or erased their data since.
  const user = await deps.records.read(recipient.userId);
  if (!user?.jeudis?.active) return 'skipped';
  const key = deliveryKey(recipient.thursday, user.id);
  // Durable before the send (a database claim is committed first): never started twice.
  if (!(await deps.journal.claim(key, now()))) return 'skipped';
  try {
    return await deliverClaimed(deps, user, recipient.thursday, key, now);
  } catch (err) {
    // A bug, not the channel: leave it to the next tick rather than stuck under way.
    deps.journal.record(key, 'deferred', now(), `error: ${(err as Error).message}`);
    throw err;
  }
}

async function deliverClaimed(deps: BroadcastDeps, user: UserRecord, thursday: string, key: string, now: Clock): Promise<Outcome> {
  const route = deps.route(user);
  if (!route) return deactivate(deps, key, user, now, { ok: false, kind: 'permanent', error: `no way to reach a ${user.channel} user` });

  let result: SendResult = { ok: false, kind: 'transient', error: 'not tried' };
  let prompt: JeudisPrompt;
  try {
    prompt = composePrompt(deps.content, deps.render, user, thursday);
  } catch (err) {
    deps.journal.record(key, 'failed', now(), `compose: ${(err as Error).message}`);
    deps.logger.error({ err, userId: user.id }, 'jeudis prompt could not be composed');
    return 'failed';
  }
  const commit: RecordUpdate = (u) => {
    if (!u.jeudis) return;
    u.jeudis.lastPrompt = thursday;
    u.jeudis.lastResource = prompt.resource;
    if (prompt.resource && !u.jeudis.suggestedTools.includes(prompt.resource)) u.jeudis.suggestedTools.push(prompt.resource);
  };

  for (let attempt = 1; attempt <= deps.attemptsPerTick; attempt++) {
    await route.limiter.take();
    result = await route.sender.send(user, prompt, commit);
    if (result.ok) {
      deps.journal.record(key, 'sent', now());
      return 'sent';
    }
    if (result.kind === 'permanent') return deactivate(deps, key, user, now, result);
    if (result.status === 429) route.limiter.pause(result.retryAfterMs ?? deps.backoff.baseMs);
    if (attempt < deps.attemptsPerTick) await deps.timer.sleep(backoffMs(deps, attempt, result.retryAfterMs));
  }
  const claims = deps.journal.get(key)?.attempts ?? 0;
  const giveUp = claims >= deps.claimsPerDay;
  const detail = result.ok ? '' : `${result.status ?? ''} ${result.error}`.trim();
  deps.journal.record(key, giveUp ? 'failed' : 'deferred', now(), detail);
  deps.logger.warn({ userId: user.id, claims, error: detail }, giveUp ? 'jeudis: given up for today' : 'jeudis: deferred to the next tick');
  return giveUp ? 'failed' : 'deferred';
}

/** A permanent refusal: the delivery is given up and the subscription ends, once, with the reason logged. */
async function deactivate(
  deps: BroadcastDeps,
  key: string,
  user: UserRecord,
  now: Clock,
  result: Extract<SendResult, { kind: 'permanent' }>,
): Promise<Outcome> {
  const reason = `${result.status ?? ''} ${result.error}`.trim();
  deps.journal.record(key, 'failed', now(), reason);
  await deps.records.change(user.id, (u) => {
    if (u.jeudis) u.jeudis.deactivated = { at: now().toISOString(), reason };
  });
  deps.logger.warn({ userId: user.id, status: result.status, error: result.error }, 'jeudis: permanent failure, subscription deactivated');
  return 'deactivated';
}

/** Exponential backoff with full jitter, never shorter than the server's Retry-After. */
function backoffMs(deps: BroadcastDeps, attempt: number, retryAfterMs: number | undefined): number {
  const random = deps.random ?? Math.random;
  const exp = Math.min(deps.backoff.maxMs, deps.backoff.baseMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs ?? 0, Math.round(exp / 2 + (random() * exp) / 2));
}
