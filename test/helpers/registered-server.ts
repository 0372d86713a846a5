import type { CredentialsFactory } from '../../src/channels/teams/teams-adapter.js';
import { LocalCredentials, type FakeConnector } from './fake-connector.js';

export const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const APP_ID_URI = `api://localhost/${APP_ID}`;

/**
 * The configuration of a server with a bot registration whose keys (channel tokens, tab SSO
 * tokens) are the fake connector's: authenticated mode without a cloud.
 */
export function registrationEnv(connector: FakeConnector): Record<string, string> {
  return {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'local-secret',
    BOT_OPENID_METADATA_URL: connector.openIdMetadataUrl,
    TEAMS_SSO_JWKS_URL: connector.jwksUrl,
    TEAMS_SSO_APP_ID_URI: APP_ID_URI,
    TEAMS_DEV_MODE: 'false',
  };
}

/** Outbound credentials of the registered bot: the fake connector's fixed token, never Entra. */
export const localCredentials: CredentialsFactory = (appId, _password, tenant, scope) => new LocalCredentials(appId, tenant, scope);
