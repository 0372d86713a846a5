// Part of npm run bench: time to build the search index, and the time to answer each question
// (the whole answering path: understanding, ranking, confidence and the rendered messages), over
// the questions of test/qa-set.json, the tune split of test/eval/qa-questions.json and the dev set
// test/eval/qa-dev.json (long chatty messages included), p50 and p99 over 20 passes.
import { existsSync, readFileSync } from 'node:fs';
import { loadContent } from '../src/infra/content/load-content.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { QaSet } from '../src/services/qa-eval/evaluate-qa.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import { QuestionAnswering } from '../src/services/question-answering.js';
import { readEvalSet } from '../src/services/qa-eval/run-eval.js';

const dir = process.env.CONTENT_DIR ?? 'content';
const content = loadContent(dir);
const render = createTemplateRenderer(dir);
const set = QaSet.parse(JSON.parse(readFileSync(new URL('../test/qa-set.json', import.meta.url), 'utf8')));
const evalSet = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const devFile = new URL('../test/eval/qa-dev.json', import.meta.url);
const devSet = existsSync(devFile) ? readEvalSet(devFile).questions : [];
const questions = [
  ...devSet.map((q) => ({ q: q.q, profile: q.profile ?? {} })),
  ...set.inScope.map((q) => ({ q: q.q, profile: {} })),
  ...set.outOfScope.map((q) => ({ q, profile: {} })),
  ...evalSet.questions.filter((q) => q.split === 'tune').map((q) => ({ q: q.q, profile: q.profile ?? {} })),
];

const builds: number[] = [];
let index = KnowledgeIndex.build(content);
for (let i = 0; i < 10; i++) {
  const start = performance.now();
  index = KnowledgeIndex.build(content);
  builds.push(performance.now() - start);
}
const qa = new QuestionAnswering(index, content, render, { logUnanswered: () => {}, logFeedback: () => {} });
const now = new Date();
for (const { q, profile } of questions) qa.respond(q, now, profile); // warm-up
const times: number[] = [];
for (let pass = 0; pass < 20; pass++) {
  for (const { q, profile } of questions) {
    const start = performance.now();
    qa.respond(q, now, profile);
    times.push(performance.now() - start);
  }
}
const pct = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;
console.log(`\nQuestions libres : index de ${index.size()} entrées, construit en ${pct(builds, 50).toFixed(1)} ms (médiane de 10)`);
console.log(
  `Réponse (messages compris) : p50 ${pct(times, 50).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms ` +
    `(${questions.length} questions × 20 passages)`,
);
