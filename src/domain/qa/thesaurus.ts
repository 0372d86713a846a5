import type { QueryTerm, TextAnalyzer } from './analyse-text.js';

/**
 * Words and phrases that say the same thing (`search.json` › thesaurus: « mécénat de compétences »,
 * « engagement des salariés »…). When a question says one member of a group, the words of the
 * other members become alternatives of its first word: they help find the entry that uses them,
 * weighing as synonyms, and count as that word matched.
 */
export class Thesaurus {
  private readonly groups: string[][][];

  constructor(groups: string[][], analyzer: TextAnalyzer) {
    this.groups = groups.map((g) => g.map((member) => analyzer.nameTerms(member)).filter((m) => m.length > 0));
  }

  expand(terms: QueryTerm[]): QueryTerm[] {
    const out = terms.map((t) => ({ ...t, alternatives: [...t.alternatives] }));
    const at = (i: number, stem: string) => out[i] !== undefined && (out[i]!.term === stem || out[i]!.alternatives.includes(stem));
    for (const group of this.groups) {
      for (const member of group) {
        // The member's words in a row among the question's (« mécénat de compétences » → mecenat, competent).
        const start = out.findIndex((_, i) => member.every((stem, k) => at(i + k, stem)));
        if (start < 0) continue;
        const first = out[start]!;
        const others = group.filter((m) => m !== member).flat();
        first.alternatives = [...new Set([...first.alternatives, ...others.filter((o) => o !== first.term && !member.includes(o))])];
      }
    }
    return out;
  }
}
