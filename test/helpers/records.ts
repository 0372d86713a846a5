import { newUserRecord, type UserRecord } from '../../src/domain/user-record.js';

/** A stored user as the storage tests write them: a web user whose profile is an association of `departement`. */
export function storedRecord(id: string, departement = '69'): UserRecord {
  const r = newUserRecord(id, 'web', new Date('2026-11-23T10:00:00Z'));
  r.profile = { actor: 'association', options: {}, departement };
  return r;
}
