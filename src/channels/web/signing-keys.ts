import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a signature vouches for. Each purpose has its own key: a token of one is worthless as another. */
export type SigningPurpose = 'identity-cookie' | 'report-link' | 'export-link' | 'resume-link' | 'calendar-feed';

export type SigningKeys = Record<SigningPurpose, Buffer>;

/**
 * One key per purpose, derived from the secret with HKDF-SHA256 (RFC 5869). A report link and an
 * identity cookie are both « id + HMAC »; with one shared key, one could be replayed as the other.
 */
export function deriveSigningKeys(secret: Buffer): SigningKeys {
  const derive = (purpose: SigningPurpose) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `compagnon-odd17/${purpose}/v2`, 32));
  return {
    'identity-cookie': derive('identity-cookie'),
    'report-link': derive('report-link'),
    'export-link': derive('export-link'),
    // Resume codes and links: their grant's link, and the keyed hash under which a code is kept.
    'resume-link': derive('resume-link'),
    // The personal calendar feed of the Thursday prompts (`/agenda/<token>.ics`).
    'calendar-feed': derive('calendar-feed'),
  };
}

/** The configured secret, or one generated once and kept in DATA_DIR so identities survive restarts. */
export function loadSecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured);
  const file = path.resolve(dataDir, 'identity-secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32);
    writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  }
}
