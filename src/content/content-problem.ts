/** One problem found in the content store, located by file and JSON path. */
export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

export function jsonPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : `${acc}.${String(seg)}`),
    '$',
  );
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file} ${p.path} : ${p.message}`;
}

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `Contenu invalide (${problems.length} problème${problems.length > 1 ? 's' : ''}) :\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
  }
}
