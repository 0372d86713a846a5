// npm run eval:qa [-- --details] [-- --test] — accuracy of the free-text answers through the real
// answering path (the messages a user sees, with each question's profile), per kind: the tune split
// of test/eval/qa-questions.json and the two halves of the dev set test/eval/qa-dev.json, with
// p50/p99 answer time. Tune and dev-learn are where content/phrasings.json was collected from
// (bench/collect-phrasings.ts): their figures say what the bot learnt. Dev-holdout was never put in
// it: its figure is the estimate of how answers carry over to new phrasings, the one to tune against.
// --details lists the misses of tune and dev-learn (not dev-holdout's: reading them would make it
// one more set tuned on). --test adds the figures of the test split (per kind only): for reporting,
// never for tuning, and each look is counted.
import { existsSync, readFileSync } from 'node:fs';
import { loadContent } from '../src/infra/content/load-content.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { evaluateQa, QaSet } from '../src/services/qa-eval/evaluate-qa.js';
import { readText } from '../src/services/qa-eval/evaluate-facts.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import type { SplitName } from '../src/services/qa-eval/eval-splits.js';
import { readEvalSet, runSplit, type SplitReport } from '../src/services/qa-eval/run-eval.js';

const dir = process.env.CONTENT_DIR ?? 'content';
const content = loadContent(dir);
const render = createTemplateRenderer(dir);
const index = KnowledgeIndex.build(content);
const set = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const devFile = new URL('../test/eval/qa-dev.json', import.meta.url);
const dev = existsSync(devFile) ? readEvalSet(devFile) : undefined;
const pct = (right: number, total: number) => (total === 0 ? '—' : `${((right / total) * 100).toFixed(1)} %`);
const quantile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] ?? 0;
const TITLES: Record<SplitName, string> = {
  tune: 'réglage (tune, phrasés appris)',
  'dev-learn': 'dev-learn (numéros impairs de test/eval/qa-dev.json, phrasés appris)',
  'dev-holdout': 'dev-holdout (numéros pairs, jamais appris : estimation de la généralisation)',
  dev: 'développement (dev, test/eval/qa-dev.json)',
  test: 'test',
};

function print(report: SplitReport): void {
  const times = report.results.map((r) => r.ms);
  console.log(`\n— Partie ${TITLES[report.split]} : ${report.results.length} questions`);
  for (const k of report.kinds) console.log(`  ${k.kind.padEnd(14)} ${String(k.right).padStart(3)}/${String(k.total).padEnd(3)} ${pct(k.right, k.total)}`);
  console.log(`  dans le périmètre (réponse sûre avec les faits attendus) : ${report.inScope.right}/${report.inScope.total} = ${pct(report.inScope.right, report.inScope.total)}`);
  console.log(`  hors périmètre déclinées : ${report.outOfScope.right}/${report.outOfScope.total} = ${pct(report.outOfScope.right, report.outOfScope.total)}`);
  console.log(
    `  proches du corpus sans réponse sûre : ${report.nearCorpus.right}/${report.nearCorpus.total} = ${pct(report.nearCorpus.right, report.nearCorpus.total)}` +
      ` (dont « je n'ai pas cette information » : ${report.nearCorpus.saidMissing})`,
  );
  console.log(`  temps de réponse : p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms`);
}

// Warm-up: the first answers pay for the JIT and the template cache.
runSplit(index, content, render, set, 'tune');
const tune = runSplit(index, content, render, set, 'tune');
const devReports = dev ? (['dev-learn', 'dev-holdout'] as const).map((half) => runSplit(index, content, render, dev, half)) : [];
console.log(
  `Index : ${index.size()} entrées, ${content.phrasings.length} phrasés appris (content/phrasings.json). ` +
    `Jeux : ${set.questions.length} questions (test/eval/qa-questions.json), ${dev?.questions.length ?? 0} (test/eval/qa-dev.json).`,
);
print(tune);
for (const report of devReports) print(report);
// The test split's figures only on request: each look at them is counted (see README).
if (process.argv.includes('--test')) print(runSplit(index, content, render, set, 'test'));

const old = evaluateQa(index, QaSet.parse(JSON.parse(readFileSync(new URL('../test/qa-set.json', import.meta.url), 'utf8'))));
console.log(`\nAncien jeu test/qa-set.json (entrées attendues) : top-1 ${pct(old.top1, 1)}, top-3 ${pct(old.top3, 1)}, hors périmètre refusées ${pct(old.outOfScopeRejection, 1)}`);

if (process.argv.includes('--details')) {
  for (const report of [tune, ...devReports.filter((r) => r.split === 'dev-learn')]) {
    console.log(`\nManquées de la partie ${TITLES[report.split]} :`);
    for (const r of report.results.filter((x) => !x.judgement.right)) {
      const text = readText(r.response.messages).replace(/\s+/g, ' ').slice(0, 220);
      console.log(`  [${r.question.kind}] « ${r.question.q} » → ${r.response.status} ${r.response.entries.join('+')}`);
      if (r.judgement.missing.length) console.log(`      faits absents : ${r.judgement.missing.map((f) => f.join(' | ')).join(' ; ')}`);
      console.log(`      ${text}`);
    }
  }
}
