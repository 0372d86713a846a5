// npx tsx bench/calibrate-qa.ts [--ranking | --phrasings] — chooses the thresholds of the confidence
// rule, the weights of the reading or those of the learnt phrasings (src/domain/qa/confidence.ts CONFIDENCE,
// src/domain/qa/knowledge-index.ts TUNING) by 5-fold cross-validation over the parts meant for learning:
// the tune split of test/eval/qa-questions.json and dev-learn (odd numbers of test/eval/qa-dev.json).
// Never the test split; dev-holdout neither: it is the check of what the choice is worth.
//
// Each question is answered by an index that has not learnt the phrasings of its own fold
// (content/phrasings.json minus the examples collected from that fold's questions): otherwise a
// question would find itself among the examples and every setting would look perfect on it. Each
// setting is scored once per question; then, for each fold, the setting best on the other four is
// scored on that fold: the mean of those is what the choice is worth on unseen questions. The setting
// printed first is the best over all folds (ties: the one nearest the current values). Out-of-scope
// questions weigh double: declining them all is a goal, not a trade-off.
import { existsSync } from 'node:fs';
import { loadContent, type Content } from '../src/infra/content/load-content.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { CONFIDENCE } from '../src/domain/qa/confidence.js';
import { LEARN_SPLITS, inSplit } from '../src/services/qa-eval/eval-splits.js';
import { KnowledgeIndex, TUNING } from '../src/domain/qa/knowledge-index.js';
import type { EvalQuestion } from '../src/services/qa-eval/evaluate-facts.js';
import { readEvalSet, runQuestions } from '../src/services/qa-eval/run-eval.js';

const content = loadContent('content');
const render = createTemplateRenderer('content');
const tune = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const devFile = new URL('../test/eval/qa-dev.json', import.meta.url);
const dev = existsSync(devFile) ? readEvalSet(devFile).questions : [];
const GRIDS: Record<string, Record<string, number[]>> = {
  thresholds: { coverage: [0.4, 0.5, 0.6], margin: [1.2, 1.3, 1.5], namedFocus: [0.3, 0.4, 0.5], namedInLongMargin: [1.5, 2, 3], contextShare: [0.1, 0.25, 0.5] },
  ranking: { contextWeight: [0.5, 1], selfWeight: [0.25, 0.5], howToBoost: [1, 1.5, 2], lacksTypePenalty: [0.25, 0.5, 1], coveragePower: [1, 2] },
  phrasings: { 'fields.phrasings': [0, 1.5, 3], 'vote.boost': [1, 2, 3], 'vote.answer': [0.6, 0.75, 0.9], 'vote.declined': [0.7, 0.8, 0.9] },
};
const grid = GRIDS[process.argv.includes('--ranking') ? 'ranking' : process.argv.includes('--phrasings') ? 'phrasings' : 'thresholds']!;
const FOLDS = 5;

/** The object and key a setting's name points to (« vote.rank » is TUNING.vote.rank). */
function slot(name: string): { holder: Record<string, number>; key: string } {
  const path = name.split('.');
  const root = (path[0]! in CONFIDENCE ? CONFIDENCE : TUNING) as unknown as Record<string, unknown>;
  const holder = path.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, root);
  return { holder: holder as Record<string, number>, key: path[path.length - 1]! };
}
const read = (name: string) => slot(name).holder[slot(name).key]!;
const write = (name: string, value: number) => (slot(name).holder[slot(name).key] = value);
const current = Object.fromEntries(Object.keys(grid).map((k) => [k, read(k)]));

/** The questions meant for learning, in file order, each with its fold and its weight when right. */
const questions: EvalQuestion[] = [...tune.questions, ...dev].filter((q) => LEARN_SPLITS.some((split) => inSplit(q, split)));
const foldOf = new Map(questions.map((q, i) => [`${q.split}:${q.id}`, i % FOLDS]));
const fold = questions.map((_, i) => i % FOLDS);
const weight = questions.map((q) => (q.kind === 'out-of-scope' ? 2 : 1));
/** The content as an index of fold `f` sees it: without the phrasings collected from that fold's questions. */
const keep = (f: number) => (e: { from?: string }) => e.from === undefined || foldOf.get(e.from) !== f;
const contentWithout = (f: number): Content => ({ ...content, phrasings: content.phrasings.filter(keep(f)), declinedPhrasings: content.declinedPhrasings.filter(keep(f)) });

/** Whether each question is answered right, by indexes that did not learn its fold's phrasings. */
function score(): boolean[] {
  const right = new Array<boolean>(questions.length).fill(false);
  for (let f = 0; f < FOLDS; f++) {
    const seen = contentWithout(f);
    const index = KnowledgeIndex.build(seen);
    const mine = questions.map((q, i) => ({ q, i })).filter(({ i }) => fold[i] === f);
    runQuestions(index, seen, render, mine.map(({ q }) => q)).results.forEach((r, k) => (right[mine[k]!.i] = r.judgement.right));
  }
  return right;
}

const keys = Object.keys(grid);
const settings: Array<{ values: Record<string, number>; right: boolean[] }> = [];
function walk(i: number, values: Record<string, number>): void {
  if (i === keys.length) {
    for (const [k, v] of Object.entries(values)) write(k, v);
    settings.push({ values: { ...values }, right: score() });
    return;
  }
  for (const v of grid[keys[i]!]!) walk(i + 1, { ...values, [keys[i]!]: v });
}
walk(0, {});
for (const [k, v] of Object.entries(current)) write(k, v);

const points = (s: (typeof settings)[number], keep: (f: number) => boolean) => s.right.reduce((sum, r, i) => sum + (r && keep(fold[i]!) ? weight[i]! : 0), 0);
const distance = (s: (typeof settings)[number]) => keys.reduce((d, k) => d + Math.abs(Math.log((s.values[k]! + 0.1) / (current[k]! + 0.1))), 0);
const bestOn = (keep: (f: number) => boolean) => [...settings].sort((a, b) => points(b, keep) - points(a, keep) || distance(a) - distance(b))[0]!;

let heldOut = 0;
for (let f = 0; f < FOLDS; f++) heldOut += points(bestOn((x) => x !== f), (x) => x === f);
const total = questions.reduce((sum, _, i) => sum + weight[i]!, 0);
const best = bestOn(() => true);
const now = settings.find((s) => keys.every((k) => s.values[k] === current[k]));
console.log(`${questions.length} questions (tune et dev-learn), ${content.phrasings.length} phrasés, ${settings.length} réglages, ${FOLDS} plis.`);
console.log(`Validation croisée : ${heldOut}/${total} points sur les plis tenus à l'écart.`);
if (now) console.log(`Réglage actuel : ${points(now, () => true)}/${total}  ${keys.map((k) => `${k}=${current[k]}`).join(' ')}`);
for (const s of [...settings].sort((a, b) => points(b, () => true) - points(a, () => true) || distance(a) - distance(b)).slice(0, 10)) {
  console.log(`${points(s, () => true)}/${total}${s === best ? ' *' : '  '} ${keys.map((k) => `${k}=${s.values[k]}`).join(' ')}`);
}
