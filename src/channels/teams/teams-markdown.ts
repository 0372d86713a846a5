const LIST_ITEM = /^\s*(?:[-*•]|\d+[.)])\s+/;

/**
 * Our message markdown (one line per line break, « - » lists) as Teams renders it: Teams joins
 * single line breaks, so every line that is not a list item becomes its own paragraph, and a
 * list is kept together with a blank line around it.
 */
export function toTeamsMarkdown(text: string): string {
  const blocks: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length > 0) blocks.push(list.join('\n'));
    list = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (LIST_ITEM.test(line)) {
      list.push(line.trimStart().replace(/^•\s+/, '- '));
      continue;
    }
    flushList();
    if (line.trim() !== '') blocks.push(line);
  }
  flushList();
  return blocks.join('\n\n');
}

/**
 * Cuts a long text into messages of at most `max` characters, at paragraph breaks when it can,
 * then at line breaks, then at spaces, so that no message goes over Teams' size limit.
 */
export function splitForTeams(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
