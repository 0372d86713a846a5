import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'push-service');
const cert = readFileSync(path.join(fixtures, 'cert.pem'));
const key = readFileSync(path.join(fixtures, 'key.pem'));

/** A request a push service received: what web-push posted for one browser. */
export interface PushRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A push service on 127.0.0.1 (HTTPS, with the certificate of test/fixtures/push-service): it
 * records what the server posts, and answers 201, or what a test asks for one browser (410: the
 * browser unsubscribed). `agent` trusts its certificate, for the server's Web Push requests.
 */
export class FakePushService {
  readonly received: PushRequest[] = [];
  private readonly answers = new Map<string, number>();
  /** An HTTPS agent that trusts this service's certificate only. */
  readonly agent = new Agent({ ca: cert });

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<FakePushService> {
    const server = createServer({ cert, key });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const service = new FakePushService(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        service.received.push({ path: url, headers: req.headers, body: Buffer.concat(chunks) });
        res.statusCode = service.answers.get(url) ?? 201;
        res.end();
      });
    });
    return service;
  }

  /** Answers `status` to every later request for this browser's endpoint. */
  answer(endpoint: string, status: number): void {
    this.answers.set(new URL(endpoint).pathname, status);
  }

  /** What was posted for this browser. */
  requestsFor(endpoint: string): PushRequest[] {
    return this.received.filter((r) => r.path === new URL(endpoint).pathname);
  }

  close(): Promise<void> {
    this.agent.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A browser's push subscription, with its own keys (what PushManager.subscribe makes): the
 * endpoint is on the fake push service, and `decrypt` reads what the server encrypted for it
 * (aes128gcm, RFC 8188 and RFC 8291), as the browser would.
 */
export function browserSubscription(service: FakePushService, name = randomBytes(6).toString('hex')) {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  const json = { endpoint: `${service.origin}/push/${name}`, keys: { p256dh: publicKey.toString('base64url'), auth: auth.toString('base64url') } };
  const decrypt = (body: Buffer): string => {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const serverKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const shared = ecdh.computeSecret(serverKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), publicKey, serverKey]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(-16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
    // The last record ends with the delimiter 0x02, then zeros of padding.
    let end = padded.length - 1;
    while (end > 0 && padded[end] === 0) end--;
    return padded.subarray(0, end).toString('utf8');
  };
  return { json, decrypt };
}
