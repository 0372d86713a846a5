/**
 * How a template's lines become a message's lines. Nunjucks' `trimBlocks` eats the newline after
 * every block tag, so a line of text that ends with `{% endif %}` ran into the next one (« votre
 * bilan.Et pour avancer »). Instead, before compiling:
 * - a line that holds only tags (and comments) disappears, newline included;
 * - a line wrapped whole in one block (`{% if x %}text{% endif %}`) keeps its newline inside the
 *   block, so that it vanishes entirely when the block renders nothing;
 * - every other line keeps its newline.
 */
export function shapeTemplateLines(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const last = i === lines.length - 1;
    if (line.trim() !== '' && isTagsOnly(line)) {
      out.push(line.trim());
      continue;
    }
    const wrapped = last ? undefined : wholeLineBlock(line);
    out.push(wrapped ?? (last ? line : `${line}\n`));
  }
  return out.join('');
}

const TAG = /\{%-?[\s\S]*?-?%\}|\{#[\s\S]*?#\}/g;

function isTagsOnly(line: string): boolean {
  return line.replace(TAG, '').trim() === '';
}

/** `{% if a %}…{% endif %}` (or for) spanning the whole line, with its newline moved inside. */
function wholeLineBlock(line: string): string | undefined {
  const trimmed = line.trimEnd();
  const tags = [...trimmed.matchAll(TAG)].filter((m) => m[0].startsWith('{%'));
  const first = tags[0];
  const closing = tags.at(-1);
  if (!first || !closing || first.index !== trimmed.length - trimmed.trimStart().length) return undefined;
  if (closing.index + closing[0].length !== trimmed.length) return undefined;
  const opener = /^\{%-?\s*(if|for)\b/.exec(first[0])?.[1];
  if (!opener || !new RegExp(`^\\{%-?\\s*end${opener}\\b`).test(closing[0])) return undefined;
  // The first tag must close with the last one, not earlier (`{% if a %}x{% endif %} {% if b %}…`).
  // With an `else` of its own, the line always says something: it keeps its newline outside.
  let depth = 0;
  for (const tag of tags) {
    if (/^\{%-?\s*(if|for)\b/.test(tag[0])) depth += 1;
    else if (/^\{%-?\s*end(if|for)\b/.test(tag[0])) depth -= 1;
    else if (depth === 1 && /^\{%-?\s*(else|elif)\b/.test(tag[0])) return undefined;
    if (depth === 0 && tag !== closing) return undefined;
  }
  return `${trimmed.slice(0, closing.index)}\n${closing[0]}`;
}
