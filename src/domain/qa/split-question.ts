/**
 * The two halves of a question that may ask two things: at a question mark inside the text
 * (« c'est quoi le carré magique ? et le barycentre ? »), else at « et aussi », « ainsi que »,
 * « et puis », else at the « et » nearest the middle. Each half must keep at least two words;
 * whether each half is really a question of its own is for the ranking to say.
 */
export function splitQuestion(question: string): [string, string] | undefined {
  const text = question.trim();
  const inner = text.replace(/\?+\s*$/, '').indexOf('?');
  if (inner > 0) return halves(text.slice(0, inner), text.slice(inner + 1));
  for (const joiner of [/\s+et aussi\s+/i, /\s+ainsi que\s+/i, /\s+et puis\s+/i, /\s+et\s+(?=(?:c['’]est|qu['’]est|quel|quelle|quels|quelles|comment|combien|pourquoi|o[uù]|qui)\b)/i]) {
    const m = joiner.exec(text);
    if (m) return halves(text.slice(0, m.index), text.slice(m.index + m[0].length));
  }
  const ets = [...text.matchAll(/\s+et\s+/gi)];
  if (ets.length === 0) return undefined;
  const middle = text.length / 2;
  const m = ets.reduce((a, b) => (Math.abs(b.index - middle) < Math.abs(a.index - middle) ? b : a));
  return halves(text.slice(0, m.index), text.slice(m.index + m[0].length));
}

function halves(a: string, b: string): [string, string] | undefined {
  const words = (s: string) => s.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
  return words(a) >= 2 && words(b) >= 2 ? [a.trim(), b.trim()] : undefined;
}
