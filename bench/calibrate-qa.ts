// npx tsx bench/calibrate-qa.ts [--ranking] — searches the thresholds of the confidence rule
// (src/qa/confidence.ts), or with --ranking the ranking weights (src/qa/knowledge-index.ts TUNING),
// on the TUNE split of test/eval/qa-questions.json only, and prints the best settings. Out-of-scope
// questions weigh double: declining them all is a goal, not a trade-off. The index is rebuilt for
// each setting (weights are read when it is built and searched).
import { loadContent } from '../src/content/load-content.js';
import { createTemplateRenderer } from '../src/messages/render-template.js';
import { CONFIDENCE } from '../src/qa/confidence.js';
import { KnowledgeIndex, TUNING } from '../src/qa/knowledge-index.js';
import { readEvalSet, runSplit } from '../src/qa/run-eval.js';

const content = loadContent('content');
const render = createTemplateRenderer('content');
const set = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const ranking = process.argv.includes('--ranking');
const target = (ranking ? TUNING : CONFIDENCE) as unknown as Record<string, number>;
const grid: Record<string, number[]> = ranking
  ? { lengthNormalisation: [0.3, 0.5, 0.75], entityBoost: [1.5, 2.5, 4], intentBoost: [2, 3, 4], synonymWeight: [0.2, 0.35, 0.5], coveragePower: [1, 2, 3] }
  : { coverage: [0.5, 0.6], margin: [1.1, 1.3, 1.6], namedFocus: [0.3, 0.4, 0.5], knownWeight: [0.1, 0.25, 0.5], unknownWeight: [0.5, 1] };
const keys = Object.keys(grid);
const results: Array<{ score: number; setting: string; inScope: number; oos: number; near: number }> = [];
function walk(i: number): void {
  if (i === keys.length) {
    const r = runSplit(KnowledgeIndex.build(content), content, render, set, 'tune');
    const setting = keys.map((k) => `${k}=${target[k]}`).join(' ');
    results.push({ score: r.inScope.right + 2 * r.outOfScope.right + r.nearCorpus.right, setting, inScope: r.inScope.right, oos: r.outOfScope.right, near: r.nearCorpus.right });
    return;
  }
  for (const v of grid[keys[i]!]!) {
    target[keys[i]!] = v;
    walk(i + 1);
  }
}
walk(0);
results.sort((a, b) => b.score - a.score);
for (const r of results.slice(0, 15)) console.log(`${r.score} in=${r.inScope} oos=${r.oos} near=${r.near}  ${r.setting}`);
