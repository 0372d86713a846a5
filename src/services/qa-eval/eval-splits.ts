import type { EvalQuestion } from './evaluate-facts.js';

/**
 * The parts of the evaluation sets. `tune` and `test` were split in `test/eval/qa-questions.json`
 * before any tuning; the dev set (`test/eval/qa-dev.json`) is cut once more, by a fixed rule: the
 * questions with an odd number (d001, d003…) are `dev-learn`, whose phrasings may go into
 * `content/phrasings.json` (bench/collect-phrasings.ts); the even ones are `dev-holdout`, never put
 * there: how well the phrasings learnt carry over to questions nobody taught the bot.
 */
export type SplitName = 'tune' | 'test' | 'dev' | 'dev-learn' | 'dev-holdout';

/** The half of the dev set a question belongs to, by the parity of its number. */
export function devHalf(id: string): 'dev-learn' | 'dev-holdout' {
  const n = Number(/\d+/.exec(id)?.[0] ?? Number.NaN);
  return n % 2 === 1 ? 'dev-learn' : 'dev-holdout';
}

/** Whether a question is in a part (`dev` is the whole dev set). */
export function inSplit(question: EvalQuestion, split: SplitName): boolean {
  if (split === 'dev-learn' || split === 'dev-holdout') return question.split === 'dev' && devHalf(question.id) === split;
  return question.split === split;
}

/** The parts whose phrasings may be learnt from: never `test`, never `dev-holdout`. */
export const LEARN_SPLITS: readonly SplitName[] = ['tune', 'dev-learn'];
