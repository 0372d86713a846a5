import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppCredentials, type AuthenticatorResult } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** An activity the bot sent, as the fake connector received it. */
export interface SentActivity {
  conversationId: string;
  authorization: string | undefined;
  activity: {
    type: string;
    text?: string;
    textFormat?: string;
    attachments?: { contentType: string; content: AdaptiveCard }[];
    [key: string]: unknown;
  };
}

export interface AdaptiveCard {
  type: string;
  version: string;
  body: CardElement[];
}
export interface CardElement {
  type: string;
  text?: string;
  items?: CardElement[];
  actions?: { type: string; title: string; url?: string; data?: Record<string, unknown> }[];
}

export const OUTBOUND_TOKEN = 'token-from-fake-entra';

/** Outbound credentials that never call Entra: the bot's replies carry a fixed, recognisable token. */
export class LocalCredentials extends AppCredentials {
  override getToken(): Promise<string> {
    return Promise.resolve(OUTBOUND_TOKEN);
  }
  protected refreshToken(): Promise<AuthenticatorResult> {
    return Promise.resolve({ accessToken: OUTBOUND_TOKEN, expiresOn: new Date(Date.now() + 3600_000) });
  }
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

/**
 * A local stand-in for the Bot Framework connector (the `serviceUrl` Teams activities carry)
 * and for the token issuers: it records what the bot sends, publishes signing keys (OpenID
 * metadata and JWKS), and signs tokens with them. A second, unpublished key signs forgeries.
 */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** Answers to give instead of 200, per conversation, in order (e.g. a 429 then a 200). */
  private readonly failures = new Map<string, Array<{ status: number; retryAfter?: string }>>();
  /** After this many sends, hold every response (the sends are recorded) until `release`. */
  private holdAfter = Infinity;
  private held: Array<() => void> = [];
  /** Sends refused with a failure status, per conversation. */
  readonly refused: Array<{ conversationId: string; status: number }> = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly published: SigningKey,
    private readonly unpublished: SigningKey,
  ) {}

  static async start(): Promise<FakeConnector> {
    const published = await newKey('published-key');
    const unpublished = await newKey('forged-key');
    const holder: { connector?: FakeConnector } = {};
    const server = createServer((req, res) => void holder.connector?.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    holder.connector = new FakeConnector(server, `http://127.0.0.1:${port}`, published, unpublished);
    return holder.connector;
  }

  get openIdMetadataUrl(): string {
    return `${this.url}/openid/.well-known/openid-configuration`;
  }
  get jwksUrl(): string {
    return `${this.url}/keys`;
  }

  /** A Bot Framework channel token as Azure Bot Service sends it to the bot. */
  channelToken(appId: string, options: { forged?: boolean; expired?: boolean; audience?: string; serviceUrl?: string } = {}): Promise<string> {
    const key = options.forged ? this.unpublished : this.published;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: options.serviceUrl ?? this.url })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer('https://api.botframework.com')
      .setAudience(options.audience ?? appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(options.expired ? now - 3600 : now + 3600)
      .sign(key.privateKey);
  }

  /** A Teams tab SSO token (Entra v2) for a user of a tenant. */
  ssoToken(claims: { tid: string; oid: string; aud: string; name?: string }, options: { forged?: boolean; expired?: boolean } = {}): Promise<string> {
    const key = options.forged ? this.unpublished : this.published;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ tid: claims.tid, oid: claims.oid, name: claims.name ?? 'Test', ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(`https://login.microsoftonline.com/${claims.tid}/v2.0`)
      .setAudience(claims.aud)
      .setSubject(`sub-${claims.oid}`)
      .setIssuedAt(now - 60)
      .setExpirationTime(options.expired ? now - 3600 : now + 3600)
      .sign(key.privateKey);
  }

  /** Activities sent to one conversation, oldest first. */
  to(conversationId: string): SentActivity[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  clear(): void {
    this.sent.length = 0;
    this.refused.length = 0;
    this.failures.clear();
    this.release();
    this.holdAfter = Infinity;
  }

  /** The next sends to this conversation get these statuses (with Retry-After when given). */
  failNext(conversationId: string, ...answers: Array<{ status: number; retryAfter?: string }>): void {
    this.failures.set(conversationId, [...(this.failures.get(conversationId) ?? []), ...answers]);
  }

  /** Records sends as usual but stops answering once `count` have been answered. */
  holdAfterSends(count: number): void {
    this.holdAfter = count;
  }

  heldCount(): number {
    return this.held.length;
  }

  release(): void {
    const held = this.held;
    this.held = [];
    this.holdAfter = Infinity;
    for (const answer of held) answer();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/openid/.well-known/openid-configuration') {
      return json(200, { issuer: 'https://api.botframework.com', jwks_uri: this.jwksUrl, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.method === 'GET' && url.pathname === '/keys') return json(200, { keys: [this.published.jwk] });
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(url.pathname);
    if (req.method === 'POST' && match) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentActivity['activity'];
      const conversationId = decodeURIComponent(match[1] ?? '');
      const failure = this.failures.get(conversationId)?.shift();
      if (failure) {
        this.refused.push({ conversationId, status: failure.status });
        res.writeHead(failure.status, { 'Content-Type': 'application/json', ...(failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {}) });
        res.end(JSON.stringify({ error: { code: failure.status === 403 ? 'BotDisabledByAdmin' : 'Throttled', message: 'refused by the fake connector' } }));
        return;
      }
      this.sent.push({ conversationId, authorization: req.headers.authorization, activity });
      const answer = () => json(200, { id: `sent-${this.sent.length}` });
      if (this.sent.length > this.holdAfter) this.held.push(answer);
      else answer();
      return;
    }
    json(404, { error: 'not found' });
  }
}
