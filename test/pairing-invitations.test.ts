import { describe, expect, it } from 'vitest';
import { PairingService } from '../src/services/pairing-service.js';
import { normaliseCode } from '../src/domain/pairing.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { tempDir } from './helpers/temp-dir.js';
import { testClock } from './helpers/clock.js';

describe('pairing invitations', () => {
  it('are single use, expire after 7 days, and cannot be used by their own author', async () => {
    const tmp = tempDir();
    try {
      const pairing = new PairingService(await UserStore.open(tmp.dir, { now: testClock(), flushDelayMs: 5 }));
      const monday = new Date('2026-11-23T09:00:00Z');
      const { code } = pairing.createInvite('alice', monday);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(pairing.redeem(code, 'alice', monday)).toEqual({ ok: false, reason: 'own' });
      const later = new Date('2026-12-01T09:00:00Z');
      expect(pairing.redeem(code, 'bob', later)).toEqual({ ok: false, reason: 'expired' });
      const { code: fresh } = pairing.createInvite('alice', monday);
      const typed = `${fresh.slice(0, 4).toLowerCase()} - ${fresh.slice(4)}`;
      expect(normaliseCode(typed)).toBe(fresh);
      expect(pairing.redeem(typed, 'bob', monday)).toMatchObject({ ok: true });
      expect(pairing.redeem(fresh, 'carol', monday)).toEqual({ ok: false, reason: 'used' });
      expect(pairing.partnerOf('alice')).toBe('bob');
      expect(pairing.cancel('bob', monday)).toBe(true);
      expect(pairing.partnerOf('alice')).toBeUndefined();
      expect(pairing.redeem('ZZZZ-ZZZZ', 'bob', monday)).toEqual({ ok: false, reason: 'unknown' });
    } finally {
      tmp.cleanup();
    }
  });
});
