import { describe, expect, it } from 'vitest';
import type { Content } from '../src/content/content.js';
import { checkPhrasingReferences } from '../src/domain/qa/check-phrasing-references.js';
import { devHalf, inSplit } from '../src/services/qa-eval/eval-splits.js';
import { normalise } from '../src/services/qa-eval/evaluate-facts.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import { readEvalSet } from '../src/services/qa-eval/run-eval.js';
import { fold } from '../src/text/fold.js';
import { content } from './helpers/conversation.js';

const set = readEvalSet(new URL('./eval/qa-questions.json', import.meta.url));
const dev = readEvalSet(new URL('./eval/qa-dev.json', import.meta.url));
const withPhrasings = (examples: Content['phrasings'], declined: Content['declinedPhrasings'] = []): Content => ({ ...content, phrasings: examples, declinedPhrasings: declined });
const answer = (index: KnowledgeIndex, q: string) => {
  const outcome = index.ask(q);
  return outcome.status === 'answer' ? outcome.docs.map((d) => d.id) : outcome.status;
};

describe('phrasings.json: questions as users asked them, with the entries that answer them', () => {
  it('names only entries that exist, each question once', () => {
    expect(checkPhrasingReferences(content)).toEqual([]);
    const broken = withPhrasings([
      { q: 'c’est quoi un PTCE ?', entries: ['faq:ptce', 'faq:ptce'] },
      { q: 'C’est quoi un PTCE', entries: ['faq:absente'] },
    ]);
    expect(checkPhrasingReferences(broken).map((p) => `${p.file} ${p.path}`)).toEqual([
      'phrasings.json $.examples[0].entries[1]',
      'phrasings.json $.examples[1].entries[0]',
      'phrasings.json $.examples[1].q',
    ]);
  });

  it('never holds a question of the test split nor of dev-holdout: they measure what carries over', () => {
    const learnt = [...content.phrasings, ...content.declinedPhrasings];
    expect(content.phrasings.length).toBeGreaterThanOrEqual(250);
    const evalIds = new Map([...set.questions, ...dev.questions].map((q) => [`${q.split}:${q.id}`, q]));
    for (const e of learnt.filter((x) => x.from && evalIds.has(x.from))) {
      const q = evalIds.get(e.from!)!;
      expect(inSplit(q, 'tune') || inSplit(q, 'dev-learn'), e.from).toBe(true);
    }
    const unseen = new Set([...set.questions.filter((q) => inSplit(q, 'test')), ...dev.questions.filter((q) => inSplit(q, 'dev-holdout'))].map((q) => fold(q.q)));
    expect(learnt.filter((e) => unseen.has(fold(e.q))).map((e) => e.q)).toEqual([]);
    expect([devHalf('d001'), devHalf('d002'), devHalf('d403')]).toEqual(['dev-learn', 'dev-holdout', 'dev-learn']);
  });

  it('answers a question asked the way an example was, with words the entry itself never uses', () => {
    const asked = 'comment faire pour ne plus se marcher dessus entre structures du coin ?';
    const example = { q: 'comment éviter de se marcher dessus entre structures du coin ?', entries: ['faq:catalyseur-territorial'] };
    expect(answer(KnowledgeIndex.build(withPhrasings([])), asked)).not.toEqual(['faq:catalyseur-territorial']);
    expect(answer(KnowledgeIndex.build(withPhrasings([example])), asked)).toEqual(['faq:catalyseur-territorial']);
  });

  it('tells a question asked as a declined example that the documents do not have it', () => {
    const declined = [{ q: 'combien de visiteurs par an sur odd17.org ?' }];
    expect(answer(KnowledgeIndex.build(withPhrasings([], declined)), 'odd17.org a combien de visiteurs par an ?')).toBe('missing');
  });
});

describe('the judge of the evaluation', () => {
  it('reads « 1 500 », « 1.500 », « 1,500 » and « 1500 » as one number, and keeps years and decimals apart', () => {
    expect(normalise('1.500 projets')).toBe(normalise('1\u00a0500 projets'));
    expect(normalise('5\u202f800 ETI')).toBe('5800 eti');
    expect(normalise('1,5 million')).toBe('1,5 million');
    expect(normalise('en 2019, 300 associations')).toBe('en 2019, 300 associations');
  });
});
