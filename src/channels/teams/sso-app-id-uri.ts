import type { Config } from '../../infra/config/config-schema.js';

/** The Application ID URI the tab's SSO token is issued for (the manifest's webApplicationInfo.resource). */
export function ssoAppIdUri(config: Config): string {
  if (config.TEAMS_SSO_APP_ID_URI) return config.TEAMS_SSO_APP_ID_URI;
  const host = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : 'localhost';
  return `api://${host}/${config.MicrosoftAppId ?? ''}`;
}
