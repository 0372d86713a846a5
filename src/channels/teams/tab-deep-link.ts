/** A link that opens the app's personal tab in Teams (desktop, web or mobile). */
export function tabDeepLink(teamsAppId: string, entityId: string): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${encodeURIComponent(entityId)}`;
}
