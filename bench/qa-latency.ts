// Part of npm run bench: time to build the search index, and the time to answer each question
// of test/qa-set.json (in scope and out of scope), p50 and p99 over 20 passes.
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/content/load-content.js';
import { QaSet } from '../src/qa/evaluate-qa.js';
import { KnowledgeIndex } from '../src/qa/knowledge-index.js';

const content = loadContent(process.env.CONTENT_DIR ?? 'content');
const set = QaSet.parse(JSON.parse(readFileSync(new URL('../test/qa-set.json', import.meta.url), 'utf8')));
const questions = [...set.inScope.map((q) => q.q), ...set.outOfScope];

const builds: number[] = [];
let index = KnowledgeIndex.build(content);
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  index = KnowledgeIndex.build(content);
  builds.push(performance.now() - start);
}
for (const q of questions) index.ask(q); // warm-up
const times: number[] = [];
for (let pass = 0; pass < 20; pass++) {
  for (const q of questions) {
    const start = performance.now();
    index.ask(q);
    times.push(performance.now() - start);
  }
}
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
console.log(`\nQuestions libres : index de ${index.size()} entrées, construit en ${pct(builds, 50).toFixed(1)} ms (médiane de 10)`);
console.log(
  `Réponse : p50 ${pct(times, 50).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms ` +
    `(${questions.length} questions × 20 passages)`,
);
