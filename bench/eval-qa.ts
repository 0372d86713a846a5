// npm run eval:qa — accuracy of the free-text answers on the question set of test/qa-set.json.
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/content/load-content.js';
import { evaluateQa, QaSet } from '../src/qa/evaluate-qa.js';
import { KnowledgeIndex } from '../src/qa/knowledge-index.js';

const content = loadContent(process.env.CONTENT_DIR ?? 'content');
const set = QaSet.parse(JSON.parse(readFileSync(new URL('../test/qa-set.json', import.meta.url), 'utf8')));
const index = KnowledgeIndex.build(content);
const scores = evaluateQa(index, set);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

console.log(`Index : ${index.size()} entrées. Jeu de questions : ${set.inScope.length} dans le périmètre, ${set.outOfScope.length} hors périmètre.`);
console.log(`top-1 (réponse sûre et juste) : ${pct(scores.top1)}`);
console.log(`top-3 (bonne entrée parmi les 3 premières) : ${pct(scores.top3)}`);
console.log(`hors périmètre refusées : ${pct(scores.outOfScopeRejection)}`);
if (process.argv.includes('--details')) {
  for (const m of scores.misses) console.log(`  manquée${m.confident ? ' (réponse fausse)' : ''} : « ${m.q} » attendu ${m.expect.join('|')} obtenu ${m.got.join(', ')}`);
  for (const w of scores.wronglyAnswered) console.log(`  hors périmètre répondue : « ${w.q} » → ${w.got}`);
}
