/**
 * Characters of a button label every surface shows whole. Teams never wraps a button title: it
 * clips it (about 40 characters in a chat card), so labels are kept to this length.
 */
export const MAX_BUTTON_LABEL = 40;

/**
 * A label cut to `max` characters at a word, with « … », when it is longer; the whole text then
 * belongs in the message (a button only names what it opens).
 */
export function shortLabel(label: string, max = MAX_BUTTON_LABEL): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= max / 2 ? head.slice(0, space) : head;
  // No dangling punctuation or opening quote before the ellipsis.
  return `${cut.replace(/[\s,;:«–-]+$/u, '')}…`;
}
