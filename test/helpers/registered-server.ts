import type { CredentialsFactory } from '../../src/channels/teams/teams-adapter.js';
import type { RunningServer } from '../../src/app/start-server.js';
import { LocalCredentials, type FakeConnector } from './fake-connector.js';
import { startTeamsServer, type LogCapture } from './teams-server.js';

export const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const APP_ID_URI = `api://localhost/${APP_ID}`;

export interface RegisteredServerOptions {
  /** Outbound credentials (default: the fake connector's fixed token, never Entra). */
  credentials?: CredentialsFactory;
  logs?: LogCapture;
}

/**
 * The server with a bot registration, whose keys (channel tokens, tab SSO tokens) and outbound
 * credentials are the fake connector's: authenticated mode without a cloud.
 */
export function startRegisteredServer(
  dataDir: string,
  connector: FakeConnector,
  extra: Record<string, string> = {},
  options: RegisteredServerOptions = {},
): Promise<RunningServer> {
  return startTeamsServer(
    dataDir,
    {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'local-secret',
      BOT_OPENID_METADATA_URL: connector.openIdMetadataUrl,
      TEAMS_SSO_JWKS_URL: connector.jwksUrl,
      TEAMS_SSO_APP_ID_URI: APP_ID_URI,
      TEAMS_DEV_MODE: 'false',
      ...extra,
    },
    {
      teamsCredentials: options.credentials ?? ((appId, _password, tenant, scope) => new LocalCredentials(appId, tenant, scope)),
      logs: options.logs,
    },
  );
}
