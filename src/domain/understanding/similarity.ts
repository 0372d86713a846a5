/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), or
 * `max + 1` as soon as it exceeds `max`: « acton » → « action » is 1, « mariie » → « mairie » 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** Typos allowed in a word of this length: none under 4 letters (« oui », « non », « 3 » stay exact), then 1, then 2 from 8 letters. */
export function typosAllowed(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

/**
 * How well a typed word stands for an expected word, 0 to 1: the same word 1; a typo or a
 * plural 0.85; the start of a long word (« collect » for « collectivite ») 0.75. Numbers must be
 * exact.
 */
export function wordSimilarity(typed: string, expected: string): number {
  if (typed === expected) return 1;
  if (/\d/.test(typed) || /\d/.test(expected)) return 0;
  const allowed = typosAllowed(Math.min(typed.length, expected.length));
  if (allowed > 0 && editDistance(typed, expected, allowed) <= allowed) return 0.85;
  // An abbreviation: « coop » for « cooperation », « eco » for « economique ».
  if (typed.length >= 3 && expected.length >= 6 && expected.length > typed.length + 1 && expected.startsWith(typed)) return 0.75;
  return 0;
}
