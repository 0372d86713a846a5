import type { UserRecord } from '../../domain/user-record.js';
import type { UserStore } from './user-store.js';

/** What a store holds, counted (what `storage:migrate` prints). */
export interface StoreCounts {
  users: number;
  invites: number;
  pairings: number;
  resumeCodes: number;
  unanswered: number;
  feedback: number;
  erasures: number;
  introductions: number;
}

export async function countStore(store: UserStore): Promise<StoreCounts> {
  return {
    users: (await store.ids()).length,
    invites: store.invites().length,
    pairings: store.pairings().length,
    resumeCodes: store.resumeGrants().length,
    unanswered: store.unanswered().length,
    feedback: store.feedback().length,
    erasures: Object.keys(store.erasures()).length,
    introductions: Object.keys(store.introductions()).length,
  };
}

export const isEmpty = (counts: StoreCounts) => Object.values(counts).every((n) => n === 0);

/** Records written per batch (one transaction, one log line): large enough to be quick, small enough to stay light. */
const USERS_PER_BATCH = 500;

/**
 * Makes `to` hold what `from` holds (`storage:migrate`): what `to` held is removed first, so that
 * running it again gives the same result. The erasures are copied before the records (they are
 * hashes, and a record may never come back under an erased id), the logs in their order.
 */
export async function copyStore(from: UserStore, to: UserStore): Promise<StoreCounts> {
  const gone = await to.ids();
  for (let i = 0; i < gone.length; i += USERS_PER_BATCH) {
    const batch = to.batch();
    for (const id of gone.slice(i, i + USERS_PER_BATCH)) batch.delete(id);
    await to.commit(batch);
  }
  const clear = to.batch();
  for (const invite of to.invites()) clear.deleteInvite(invite.code);
  for (const pairing of to.pairings()) clear.deletePairing(pairing.id);
  for (const grant of to.resumeGrants()) clear.deleteResumeGrant(grant.id);
  for (const h of Object.keys(to.erasures())) clear.forgetErasure(h);
  clear.clearLogs();
  await to.commit(clear);

  const head = to.batch();
  for (const [h, at] of Object.entries(from.erasures())) head.tombstone(h, at);
  for (const [h, at] of Object.entries(from.introductions())) head.introduced(h, new Date(at));
  for (const entry of from.unanswered()) head.logUnanswered(entry);
  for (const entry of from.feedback()) head.logFeedback(entry);
  await to.commit(head);

  // A page of records at a time: neither store ever holds them all.
  let page: UserRecord[] = [];
  const put = async () => {
    const batch = to.batch();
    for (const record of page) batch.put(record, { owned: true });
    page = [];
    await to.commit(batch);
  };
  await from.scan(async (records) => {
    page.push(...records);
    if (page.length >= USERS_PER_BATCH) await put();
  });
  if (page.length > 0) await put();
  const rest = to.batch();
  for (const invite of from.invites()) rest.putInvite(invite);
  for (const pairing of from.pairings()) rest.putPairing(pairing);
  for (const grant of from.resumeGrants()) rest.putResumeGrant(grant);
  await to.commit(rest);
  await to.flush();
  return countStore(to);
}
