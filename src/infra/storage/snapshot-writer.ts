import { open, rename } from 'node:fs/promises';
import type { Database } from '../../domain/user-record.js';

/**
 * The database as it stands at one instant, without copying it: the store never changes a stored
 * record, invitation or pairing in place (it replaces them), so holding today's references is
 * enough; the maps and logs it does change in place are copied (they are small).
 */
export interface Snapshot {
  head: Omit<Database, 'users' | 'invites' | 'pairings' | 'resumeGrants'>;
  users: Array<[string, unknown]>;
  invites: Array<[string, unknown]>;
  pairings: Array<[string, unknown]>;
  resumeGrants: Array<[string, unknown]>;
}

/** Takes the snapshot in the current tick (see Snapshot). */
export function captureSnapshot(data: Database): Snapshot {
  const { users, invites, pairings, resumeGrants, unanswered, feedback, erased, introduced, ...rest } = data;
  return {
    head: { ...rest, unanswered: [...unanswered], feedback: [...feedback], erased: { ...erased }, introduced: { ...introduced } },
    users: Object.entries(users),
    invites: Object.entries(invites),
    pairings: Object.entries(pairings),
    resumeGrants: Object.entries(resumeGrants),
  };
}

/** Bytes of JSON gathered before each write: a few milliseconds of serialising at most. */
const CHUNK = 256 * 1024;

/**
 * Writes the snapshot as one JSON document to `file`, through a temporary file renamed over it
 * (a crash leaves the old file or the new one, never half of one). The records are serialised a
 * chunk at a time, with a write to the disk between chunks: the event loop is never held longer
 * than one chunk takes, however many users are stored, where a single `JSON.stringify` of the
 * whole database held it for hundreds of milliseconds at 10,000 users.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    let buffer = '';
    const emit = async (text: string) => {
      buffer += text;
      if (buffer.length >= CHUNK) {
        const out = buffer;
        buffer = '';
        await handle.write(out);
      }
    };
    const head = JSON.stringify(snapshot.head);
    await emit(head.slice(0, -1));
    for (const key of ['users', 'invites', 'pairings', 'resumeGrants'] as const) {
      await emit(`,${JSON.stringify(key)}:{`);
      let first = true;
      for (const [id, value] of snapshot[key]) {
        await emit(`${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(value)}`);
        first = false;
      }
      await emit('}');
    }
    buffer += '}';
    await handle.write(buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
