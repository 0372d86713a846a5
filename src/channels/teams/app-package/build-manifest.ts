import type { TeamsAppFile } from '../../../content/schemas.js';
import { isPublicCommandTitle } from '../public-commands.js';
import { TAB_PATH } from '../tab/tab-routes.js';

/** The Teams app manifest schema this package is written for. */
export const MANIFEST_VERSION = '1.24';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
/** Teams' reserved entity id for the bot's chat, listed first so that the chat opens first. */
const CHAT_TAB = 'conversations';

export interface ManifestSettings {
  /** The Teams app id (manifest `id`). */
  teamsAppId: string;
  /** The bot's Microsoft App Id (Azure Bot registration). */
  botAppId: string;
  /** Public https address of this server. */
  publicUrl: string;
  /** The Application ID URI of the tab's SSO (webApplicationInfo.resource). */
  appIdUri: string;
  version: string;
}

/**
 * The manifest: one bot (personal first, then team and group chat) and the « Mon bilan » tab.
 * The personal chat lists every command; team and group chats only those whose answer holds
 * nothing personal (`commandWords`: the content's command words, which tell what each title runs).
 */
export function buildManifest(app: TeamsAppFile, settings: ManifestSettings, commandWords: Record<string, string[]>) {
  const base = settings.publicUrl.replace(/\/$/, '');
  const host = new URL(base).host;
  const scopes = ['personal', 'team', 'groupChat'];
  const publicCommands = app.commands.filter((c) => isPublicCommandTitle(c.title, commandWords));
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: settings.version,
    id: settings.teamsAppId,
    developer: {
      name: app.developerName,
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/confidentialite`,
      termsOfUseUrl: `${base}/confidentialite#conditions`,
    },
    name: app.name,
    description: app.description,
    // Every text of the app (names, descriptions, commands) and everything the bot says is French.
    localizationInfo: { defaultLanguageTag: 'fr-FR' },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: app.accentColor,
    bots: [
      {
        botId: settings.botAppId,
        scopes,
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          { scopes: ['personal'], commands: app.commands },
          ...(publicCommands.length > 0 ? [{ scopes: ['team', 'groupChat'], commands: publicCommands }] : []),
        ],
      },
    ],
    staticTabs: [
      { entityId: CHAT_TAB, scopes: ['personal'] },
      { entityId: app.tab.entityId, name: app.tab.name, contentUrl: `${base}${TAB_PATH}`, scopes: ['personal'] },
    ],
    validDomains: [host],
    webApplicationInfo: { id: settings.botAppId, resource: settings.appIdUri },
  };
}
