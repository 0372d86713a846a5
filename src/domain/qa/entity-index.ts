import type { QueryTerm, TextAnalyzer } from './analyse-text.js';

/** A name found in a question: the entries it names, and where it stands among the question's terms. */
export interface NamedEntity {
  ids: string[];
  start: number;
  end: number;
}

interface Name {
  terms: string[];
  ids: Set<string>;
}

/**
 * Every name that identifies an entry (a model, an example and its partners, a programme,
 * « mesure 18 », an FAQ topic, and the aliases of `search.json`), read as the analyser reads
 * questions (stems, no stop words), so that « mecenat de competance » finds « Mécénat de
 * compétences ». A one-word name is kept when that word is rare in the content (« ARPEA »,
 * « Danone »), or when `search.json` lists it as an alias (« Mécénat »); « association » or
 * « Poste » alone name nothing.
 */
export class EntityIndex {
  private readonly byFirst = new Map<string, Name[]>();

  constructor(
    names: Array<{ id: string; name: string; explicit: boolean }>,
    analyzer: TextAnalyzer,
    isGeneric: (term: string) => boolean,
    /** A word several entries use: alone, it does not identify one (« Poste » of « La Poste – Jaccede »). */
    isCommon: (term: string) => boolean,
  ) {
    const all = new Map<string, Name>();
    for (const { id, name, explicit } of names) {
      for (const terms of new Set([analyzer.nameTerms(name), analyzer.joinedNameTerms(name)])) this.add(all, id, terms, explicit, isGeneric, isCommon);
    }
    for (const name of all.values()) {
      const list = this.byFirst.get(name.terms[0]!) ?? [];
      list.push(name);
      this.byFirst.set(name.terms[0]!, list);
    }
  }

  private add(all: Map<string, Name>, id: string, terms: string[], explicit: boolean, isGeneric: (term: string) => boolean, isCommon: (term: string) => boolean): void {
    if (terms.length === 0) return;
    {
      // « Partenariats associations-entreprises » names nothing in particular: every word is generic.
      // A single number names nothing either; a period (« 2007-2008 ») does.
      if (!explicit && (terms.every((t) => isGeneric(t)) || (terms.length === 1 && (/^\d+$/.test(terms[0]!) || isCommon(terms[0]!))))) return;
      // « étape 2 » is also said « 2e étape » (the analyser reads « 2e », « deuxième » as the ordinal 2e).
      const last = terms.length - 1;
      const variants = [terms];
      if (terms.length > 1 && /^\d+$/.test(terms[last]!)) variants.push([`${terms[last]}e`, ...terms.slice(0, last)]);
      for (const variant of variants) {
        const key = variant.join(' ');
        const known = all.get(key);
        if (known) known.ids.add(id);
        else all.set(key, { terms: variant, ids: new Set([id]) });
      }
    }
  }

  /** The names in a question, longest first where they overlap, in the question's order. */
  find(all: QueryTerm[]): NamedEntity[] {
    // The user's own words only: « odd 17 » is matched as typed, not again as the joined odd17.
    const terms = all.filter((t) => !t.joined);
    const matches: NamedEntity[] = [];
    const at = (i: number, t: string) => terms[i] !== undefined && (terms[i]!.term === t || terms[i]!.alternatives.includes(t));
    terms.forEach((q, start) => {
      for (const first of [q.term, ...q.alternatives]) {
        for (const name of this.byFirst.get(first) ?? []) {
          if (name.terms.every((t, k) => at(start + k, t))) matches.push({ ids: [...name.ids], start, end: start + name.terms.length });
        }
      }
    });
    const kept: NamedEntity[] = [];
    for (const m of matches.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
      if (kept.every((k) => m.end <= k.start || m.start >= k.end)) kept.push(m);
    }
    return kept.sort((a, b) => a.start - b.start);
  }
}
