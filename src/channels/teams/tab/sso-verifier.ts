import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface SsoVerifierOptions {
  /** Where Entra publishes its signing keys (configurable: tests publish their own). */
  jwksUrl: string;
  /** Accepted audiences: the tab's Application ID URI and the app id. */
  audiences: string[];
  /** For a single-tenant app, the only tenant accepted. */
  tenantId?: string;
}

/** The Teams user a verified tab token belongs to. */
export interface TabUser {
  tenantId: string;
  objectId: string;
}

export class SsoError extends Error {}

/**
 * Checks the token Teams gives the « Mon bilan » tab (`authentication.getAuthToken`): signed by
 * Entra, for this app, from the tenant it names, unexpired. Only then does the tab learn whose
 * report to show; nothing the page itself says about the user is trusted.
 */
export class SsoVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: SsoVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<TabUser> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { audience: this.options.audiences, algorithms: ['RS256'], clockTolerance: 300 }));
    } catch (err) {
      throw new SsoError((err as Error).message);
    }
    const { tid, oid, iss } = payload as { tid?: unknown; oid?: unknown; iss?: unknown };
    if (typeof tid !== 'string' || typeof oid !== 'string') throw new SsoError('token without tid/oid');
    // Entra's common keys sign every tenant's tokens: the issuer must be the tenant the token names.
    const issuers = [`https://login.microsoftonline.com/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
    if (typeof iss !== 'string' || !issuers.includes(iss)) throw new SsoError(`unexpected issuer ${String(iss)}`);
    if (this.options.tenantId && tid !== this.options.tenantId) throw new SsoError('tenant not allowed');
    return { tenantId: tid, objectId: oid };
  }
}
