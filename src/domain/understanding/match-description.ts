import type { UnderstandingVocabulary } from '../../content/schemas.js';
import type { ChoiceMatch, ChoiceOption } from './match-choice.js';
import { meaningfulWords, normalise } from './normalise.js';
import { wordSimilarity } from './similarity.js';

/** An option described by longer texts (a model's definition, examples, hints): `texts`. */
export interface DescribedOption extends ChoiceOption {
  texts: readonly string[];
}

/** Words shorter than this say too little on their own (« sur », « ses »). */
const MIN_WORD = 3;
/** A description counts when its best option has at least this much evidence... */
const ACCEPT = 1.6;
/** ...and the second best has less than this share of it; otherwise the user is asked. */
const CLOSE_RATIO = 0.75;

/** A crude French stem: plural and common endings off, so « collaborateurs » meets « collaborateur ». */
const stem = (w: string) => w.replace(/(?:ements|ement|ations|ation|ites|ite|eurs|eur|euses|euse|s|x)$/, '').slice(0, 7);

function bag(texts: readonly string[], vocab: UnderstandingVocabulary): Set<string> {
  const words = texts.flatMap((t) => meaningfulWords(normalise(t, vocab), vocab)).filter((w) => w.length >= MIN_WORD && !/^\d+$/.test(w));
  return new Set(words.map(stem));
}

const bags = new WeakMap<readonly DescribedOption[], { bags: Set<string>[]; idf: Map<string, number> }>();

function index(options: readonly DescribedOption[], vocab: UnderstandingVocabulary) {
  let built = bags.get(options);
  if (!built) {
    const all = options.map((o) => bag([o.label, ...(o.synonyms ?? []), ...o.texts], vocab));
    const df = new Map<string, number>();
    for (const b of all) for (const w of b) df.set(w, (df.get(w) ?? 0) + 1);
    // A word found in every option tells none apart (weight 0); a word of one option weighs most.
    const idf = new Map([...df].map(([w, n]) => [w, Math.log((options.length + 1) / n) / Math.log(options.length + 1)]));
    built = { bags: all, idf };
    bags.set(options, built);
  }
  return built;
}

/**
 * The option a free description points to (« nos salariés donnent de leur temps à une asso » →
 * engagement actif): each typed word scores the options whose texts hold it (stem or typo), weighed
 * by how few options hold it. The best option wins if it has enough evidence and clearly more than
 * the second; about as much: `clarify`; too little: `none`.
 */
export function matchDescription<T extends DescribedOption>(text: string, options: readonly T[], vocab: UnderstandingVocabulary): ChoiceMatch<T> {
  const { bags: all, idf } = index(options, vocab);
  const typed = [...new Set(meaningfulWords(normalise(text, vocab), vocab).filter((w) => w.length >= MIN_WORD && !/^\d+$/.test(w)).map(stem))];
  if (typed.length === 0) return { kind: 'none' };
  const scored = options
    .map((option, i) => {
      let score = 0;
      for (const t of typed) {
        let best = 0;
        for (const w of all[i]!) {
          const sim = t === w ? 1 : wordSimilarity(t, w) >= 0.85 ? 0.8 : 0;
          best = Math.max(best, sim * (idf.get(w) ?? 0));
        }
        score += best;
      }
      return { option, score };
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  // One word can be enough when it is telling (« mécénat »); more words must add up to more.
  if (!best || best.score < (typed.length === 1 ? ACCEPT * 0.35 : ACCEPT)) return { kind: 'none' };
  if (second && second.score >= best.score * CLOSE_RATIO) return { kind: 'clarify', options: [best.option, second.option] };
  return { kind: 'match', option: best.option, how: 'words' };
}
