// npm run eval:qa [-- --details] — accuracy of the free-text answers on test/eval/qa-questions.json,
// through the real answering path (the messages a user sees, with each question's profile), per
// kind, for the tune split and the test split; p50/p99 answer time. --details lists the misses of
// the TUNE split only: the test split is for reporting, never for tuning.
import { loadContent } from '../src/content/load-content.js';
import { createTemplateRenderer } from '../src/messages/render-template.js';
import { evaluateQa, QaSet } from '../src/qa/evaluate-qa.js';
import { readText } from '../src/qa/evaluate-facts.js';
import { KnowledgeIndex } from '../src/qa/knowledge-index.js';
import { readEvalSet, runSplit, type SplitReport } from '../src/qa/run-eval.js';
import { readFileSync } from 'node:fs';

const dir = process.env.CONTENT_DIR ?? 'content';
const content = loadContent(dir);
const render = createTemplateRenderer(dir);
const index = KnowledgeIndex.build(content);
const set = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const pct = (right: number, total: number) => (total === 0 ? '—' : `${((right / total) * 100).toFixed(1)} %`);
const quantile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)] ?? 0;

function print(report: SplitReport): void {
  const times = report.results.map((r) => r.ms);
  console.log(`\n— Partie ${report.split === 'tune' ? 'réglage (tune)' : 'test'} : ${report.results.length} questions`);
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
const test = runSplit(index, content, render, set, 'test');
console.log(`Index : ${index.size()} entrées. Jeu : ${set.questions.length} questions (test/eval/qa-questions.json).`);
print(tune);
print(test);

const old = evaluateQa(index, QaSet.parse(JSON.parse(readFileSync(new URL('../test/qa-set.json', import.meta.url), 'utf8'))));
console.log(`\nAncien jeu test/qa-set.json (entrées attendues) : top-1 ${pct(old.top1, 1)}, top-3 ${pct(old.top3, 1)}, hors périmètre refusées ${pct(old.outOfScopeRejection, 1)}`);

if (process.argv.includes('--details')) {
  console.log('\nManquées de la partie réglage (tune) :');
  for (const r of tune.results.filter((x) => !x.judgement.right)) {
    const text = readText(r.response.messages).replace(/\s+/g, ' ').slice(0, 220);
    console.log(`  [${r.question.kind}] « ${r.question.q} » → ${r.response.status} ${r.response.entries.join('+')}`);
    if (r.judgement.missing.length) console.log(`      faits absents : ${r.judgement.missing.map((f) => f.join(' | ')).join(' ; ')}`);
    console.log(`      ${text}`);
  }
}
