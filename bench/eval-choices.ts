/**
 * `npm run eval:choices [-- --details]`: how well typed answers to the choice questions (profile,
 * diagnosis, method, Jeudis hour) are understood, on `test/eval/choices.json`. Accuracy per
 * context for the tune split and the test split apart. `--details` lists the misses of the TUNE
 * split only: the test split is never looked at item by item, so that its figure stays honest.
 */
import { readFileSync } from 'node:fs';
import { loadContent } from '../src/infra/content/load-content.js';
import { evaluateChoices, type ChoiceEvaluation, type ChoiceItem } from '../src/domain/understanding/evaluate-choices.js';

const root = new URL('..', import.meta.url).pathname;
const content = loadContent(`${root}content`);
const set = JSON.parse(readFileSync(`${root}test/eval/choices.json`, 'utf8')) as { items: ChoiceItem[] };
const details = process.argv.includes('--details');

const pct = (right: number, total: number) => `${((100 * right) / Math.max(1, total)).toFixed(1)} %`;

function print(name: string, result: ChoiceEvaluation) {
  console.log(`\n${name}: ${pct(result.right, result.total)} (${result.right}/${result.total})`);
  for (const c of result.byContext) console.log(`  ${c.context.padEnd(12)} ${pct(c.right, c.total).padStart(8)}  (${c.right}/${c.total})`);
}

const started = performance.now();
const tune = evaluateChoices(set.items.filter((i) => i.split === 'tune'), content);
const test = evaluateChoices(set.items.filter((i) => i.split === 'test'), content);
print('tune split', tune);
print('test split', test);
console.log(`\n${set.items.length} answers read in ${Math.round(performance.now() - started)} ms (the commune index loads on the first département).`);
if (details) {
  console.log('\nMisses of the tune split:');
  for (const m of tune.misses) console.log(`  ${m.id} [${m.context}] « ${m.text} » → ${m.got} (expected ${m.expect})`);
}
