import { ChannelValidation, MicrosoftAppCredentials, type AppCredentials } from 'botframework-connector';
// Not re-exported by botkit's index; the package has no exports map, so its file is importable.
import { BotkitBotFrameworkAdapter } from 'botkit/lib/adapter.js';

/** Builds the credentials that sign the bot's calls to Teams (replaceable in tests: no cloud there). */
export type CredentialsFactory = (appId: string, password: string, tenantId: string | undefined, scope: string | undefined) => AppCredentials;

export interface TeamsAdapterOptions {
  appId?: string;
  appPassword?: string;
  /** Set for a single-tenant bot: its tokens are requested from this tenant. */
  tenantId?: string;
  /** Where the channel's signing keys are published (Bot Framework's by default). */
  openIdMetadataUrl?: string;
  credentials?: CredentialsFactory;
}

const defaultCredentials: CredentialsFactory = (appId, password, tenantId, scope) =>
  new MicrosoftAppCredentials(appId, password, tenantId, scope);

/**
 * Botkit's Bot Framework adapter, with two changes. The SDK builds new credentials (and so asks
 * Entra for a new token) for every incoming activity; we keep one per OAuth scope, whose token is
 * cached until it expires. And the signing keys' address can be changed, which tests need.
 */
export class TeamsAdapter extends BotkitBotFrameworkAdapter {
  private readonly cache = new Map<string, AppCredentials>();
  private readonly factory: CredentialsFactory;
  private readonly password: string;
  private readonly tenant: string | undefined;

  constructor(options: TeamsAdapterOptions) {
    super({ appId: options.appId ?? '', appPassword: options.appPassword ?? '', channelAuthTenant: options.tenantId });
    this.factory = options.credentials ?? defaultCredentials;
    this.password = options.appPassword ?? '';
    this.tenant = options.tenantId;
    // The SDK reads this address from a static field: one bot per process, which is our case.
    if (options.openIdMetadataUrl) ChannelValidation.OpenIdMetadataEndpoint = options.openIdMetadataUrl;
    if (options.appId) Reflect.set(this, 'credentials', this.credentialsFor(options.appId, undefined));
  }

  /** True when requests are not authenticated (no MicrosoftAppId): local development with the Emulator. */
  get developmentMode(): boolean {
    return !this.settings.appId;
  }

  protected override buildCredentials(appId: string, oAuthScope?: string): Promise<AppCredentials> {
    return Promise.resolve(this.credentialsFor(appId, oAuthScope));
  }

  private credentialsFor(appId: string, scope: string | undefined): AppCredentials {
    const key = `${appId} ${scope ?? ''}`;
    let credentials = this.cache.get(key);
    if (!credentials) {
      credentials = this.factory(appId, this.password, this.tenant, scope);
      this.cache.set(key, credentials);
    }
    return credentials;
  }
}
