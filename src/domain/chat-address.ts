/** The web chat's address at `base` (PUBLIC_URL), with a query when one is given (`/?code=ABCD-2345`). */
export function chatAddress(base: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${base.replace(/\/$/, '')}/${search ? `?${search}` : ''}`;
}
