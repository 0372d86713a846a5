import type { Activity } from 'botbuilder';
import { ChannelValidation, MicrosoftAppCredentials, type AppCredentials, type ConnectorClient } from 'botframework-connector';
import type { TeamsLink } from '../../domain/user-record.js';
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

  /** True without a bot registration (no MicrosoftAppId): requests cannot be authenticated (see TEAMS_DEV_MODE in the endpoint). */
  get developmentMode(): boolean {
    return !this.settings.appId;
  }

  /**
   * Writes first in a stored conversation (a proactive message), one HTTP call per activity,
   * without the SDK's own retries: the caller retries with its own backoff and pauses every
   * send after a 429, which per-request retries inside the SDK would hide from it.
   */
  async sendProactive(reference: TeamsLink['reference'], activities: Array<Partial<Activity>>): Promise<void> {
    const client = withoutSdkRetries(this.createConnectorClient(reference.serviceUrl));
    for (const activity of activities) {
      const addressed = {
        ...activity,
        channelId: reference.channelId,
        serviceUrl: reference.serviceUrl,
        conversation: reference.conversation,
        from: reference.bot,
        recipient: reference.user,
      };
      // The stored reference is a loose copy of the SDK's ConversationReference (validated by zod).
      await client.conversations.sendToConversation(reference.conversation.id, addressed as unknown as Activity);
    }
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

/**
 * The SDK's HTTP client retries 429 and 5xx by itself (up to 3 times, per request). Its
 * pipeline is private in the typings; removing the policy by its documented name is the only
 * way to turn that off. If the SDK changes, nothing breaks: its retries simply stay.
 */
function withoutSdkRetries(client: ConnectorClient): ConnectorClient {
  const inner = Reflect.get(client, 'client') as { pipeline?: { removePolicy(options: { name: string }): unknown } } | undefined;
  inner?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return client;
}
