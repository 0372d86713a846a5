// npx tsx bench/collect-phrasings.ts [--dry-run] [--verbose] — fills content/phrasings.json with
// questions as users asked them, each attached to the entry (or entries) that answers it, from the
// parts of the evaluation sets meant for learning: the tune split of test/eval/qa-questions.json and
// dev-learn (odd numbers of test/eval/qa-dev.json). Never the test split, never dev-holdout.
//
// For each in-scope question, the entries that answer it are found from its expected facts, not from
// the bot: an entry answers when its answer, as the bot renders it, holds every fact. A question is
// kept only when that target is clear:
// - one entry holds every fact; or the bot, without any phrasing, already answers it right (the
//   entries of its answer that the facts need are then the target);
// - several entries hold every fact: the one whose words best match the question and its facts
//   (BM25), when it scores `CLEAR_MARGIN` times the next one; else the question is left out;
// - no entry holds every fact: the pair of entries that does (a comparison, a question in two
//   parts), the only such pair or clearly the best-matching one.
// Near-corpus questions go to `declined` (asked almost the same way, a question is told « je n'ai
// pas cette information »); out-of-scope ones nowhere (declining them is the rules' job). Not kept
// either: questions answered from the asker's profile (« près de chez moi », « pour nous »: the answer
// depends on who asks), and a question also written word for word in the test split or dev-holdout.
// Examples added by hand (without `from`, or whose `from` is not an evaluation id) are kept as they are.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadContent } from '../src/infra/content/load-content.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { LEARN_SPLITS, inSplit } from '../src/services/qa-eval/eval-splits.js';
import { DECLINE_KINDS, judge, normalise, readText, type EvalQuestion } from '../src/services/qa-eval/evaluate-facts.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import { QuestionAnswering } from '../src/services/question-answering.js';
import { readEvalSet } from '../src/services/qa-eval/run-eval.js';
import { fold } from '../src/text/fold.js';

/** The best-matching entry (or pair) must score this much more than the next to be the clear target. */
const CLEAR_MARGIN = 1.25;
const FILE = new URL('../content/phrasings.json', import.meta.url);
/** Ids of examples this script wrote (an evaluation question's split and id): rewritten at each run. */
const COLLECTED = /^(?:tune|dev):[a-z]\d+$/;

const dir = process.env.CONTENT_DIR ?? 'content';
const loaded = loadContent(dir);
// The bot as it answers without any phrasing: the targets must not depend on earlier collections.
const content = { ...loaded, phrasings: [], declinedPhrasings: [] };
const render = createTemplateRenderer(dir);
const index = KnowledgeIndex.build(content);
const qa = new QuestionAnswering(index, content, render, { logUnanswered: () => {}, logFeedback: () => {} });
const now = new Date('2026-01-15T10:00:00Z');
const verbose = process.argv.includes('--verbose');

/** Each entry's answer as the user reads it when it is given alone, normalised as the judge compares texts. */
const rendered = new Map(index.entries().map((d) => [d.id, normalise(readText(qa.button(`qa:${d.id}`, now) ?? []))]));

const tune = readEvalSet(new URL('../test/eval/qa-questions.json', import.meta.url));
const dev = readEvalSet(new URL('../test/eval/qa-dev.json', import.meta.url));
// A question written word for word in a part kept for measuring (the two sets share a few) is not learnt:
// the test split and dev-holdout would then measure a question the bot was taught.
const measured = new Set([...tune.questions, ...dev.questions].filter((q) => !LEARN_SPLITS.some((split) => inSplit(q, split))).map((q) => fold(q.q)));
const questions = [...tune.questions, ...dev.questions].filter((q) => LEARN_SPLITS.some((split) => inSplit(q, split)));

type Outcome = { entries: string[]; why: string } | { skipped: string };

/**
 * Whether the answer depends on who asks: the examples near the asker, or a question asked « pour
 * nous » by someone whose profile is known (« quel autodiagnostic pour nous ? » is not the same
 * tool for a company and an association). A message that only says who writes (« je suis élue… »)
 * is not: its answer is in its question.
 */
function profileDependent(q: EvalQuestion): boolean {
  const { search, territories } = content;
  const asked = index.questionOf(q.q);
  if (index.says(asked, search.nearMe) || (q.profile?.actor !== undefined && index.says(q.q, search.aboutMe))) return true;
  return index.says(asked, search.exampleWords) && territories.regions.some((r) => index.says(asked, [r.name]));
}

/** The entries a question's facts point to, or why none is clear. */
function target(q: EvalQuestion): Outcome {
  if (measured.has(fold(q.q))) return { skipped: 'aussi dans test ou dev-holdout' };
  if (DECLINE_KINDS.has(q.kind)) return { skipped: 'hors périmètre ou proche du corpus' };
  if (profileDependent(q)) return { skipped: 'réponse selon le profil' };
  const holds = q.facts.map((alternatives) => new Set([...rendered].filter(([, text]) => alternatives.some((a) => text.includes(normalise(a)))).map(([id]) => id)));
  const singles = [...rendered.keys()].filter((id) => holds.every((h) => h.has(id)));
  if (singles.length === 1) return { entries: singles, why: 'seule entrée avec tous les faits' };
  const response = qa.respond(q.q, now, q.profile ?? {});
  if (response.entries.length > 0 && judge(q, response).right) {
    // Only the entries the facts need: a comparison answered with a stray third entry teaches the two.
    const one = response.entries.find((id) => singles.includes(id));
    const needed = one ? [one] : response.entries.filter((id) => holds.some((h) => h.has(id)));
    if (holds.every((h) => needed.some((id) => h.has(id)))) return { entries: needed, why: 'déjà bien répondue' };
  }
  const scores = index.scoreEntries(`${q.q} ${q.facts.flat().join(' ')}`);
  const score = (ids: string[]) => ids.reduce((sum, id) => sum + (scores.get(id) ?? 0), 0);
  const clearest = (groups: string[][], what: string): Outcome => {
    const ranked = groups.map((ids) => ({ ids, s: score(ids) })).sort((a, b) => b.s - a.s);
    const [first, second] = ranked;
    if (!first || first.s === 0) return { skipped: `${what} : aucune ne correspond` };
    if (second && first.s < CLEAR_MARGIN * second.s) return { skipped: `${what} : pas de meilleure nette (${first.ids.join('+')} ${first.s.toFixed(1)} / ${second.ids.join('+')} ${second.s.toFixed(1)})` };
    return { entries: first.ids, why: `${what}, nettement la meilleure` };
  };
  if (singles.length > 1) return clearest(singles.map((id) => [id]), `${singles.length} entrées avec tous les faits`);
  const candidates = [...new Set(holds.flatMap((h) => [...h]))];
  const pairs: string[][] = [];
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) if (holds.every((h) => h.has(candidates[i]!) || h.has(candidates[j]!))) pairs.push([candidates[i]!, candidates[j]!]);
  }
  if (pairs.length === 1) return { entries: pairs[0]!, why: 'seule paire avec tous les faits' };
  if (pairs.length === 0) return { skipped: 'aucune entrée ni paire avec tous les faits' };
  return clearest(pairs, `${pairs.length} paires avec tous les faits`);
}

const collected = questions.map((q) => ({ q, outcome: target(q) }));
const file = JSON.parse(readFileSync(FILE, 'utf8')) as { note: string; examples: Array<{ q: string; entries: string[]; from?: string }>; declined?: Array<{ q: string; from?: string }> };
const collectedHere = (e: { from?: string }) => e.from !== undefined && COLLECTED.test(e.from);
const byHand = file.examples.filter((e) => !collectedHere(e));
const declinedByHand = (file.declined ?? []).filter((e) => !collectedHere(e));
// The same question written in both sets, or already added by hand, is one example (a second copy would count twice).
const seen = new Set(byHand.map((e) => fold(e.q)));
// Near-corpus questions are kept apart: asked almost the same way, a question is told « je n'ai pas cette information ».
const declinedSeen = new Set(declinedByHand.map((e) => fold(e.q)));
const declined = questions
  .filter((q) => q.kind === 'near-corpus' && !measured.has(fold(q.q)) && !profileDependent(q) && !declinedSeen.has(fold(q.q)) && (declinedSeen.add(fold(q.q)), true))
  .map((q) => ({ q: q.q, from: `${q.split}:${q.id}` }));
const kept = collected.flatMap(({ q, outcome }) => {
  const key = fold(q.q);
  if (!('entries' in outcome) || seen.has(key)) return [];
  seen.add(key);
  return [{ q: q.q, entries: outcome.entries, from: `${q.split}:${q.id}` }];
});
const tally = new Map<string, number>();
for (const { q, outcome } of collected) {
  const key = ('entries' in outcome ? `gardée : ${outcome.why}` : `écartée : ${outcome.skipped.replace(/ \(.*$/, '')}`).replace(/: \d+ /, ': N ');
  tally.set(key, (tally.get(key) ?? 0) + 1);
  if (verbose) console.log(`${q.id} [${q.kind}] ${q.q.slice(0, 90)}\n    → ${'entries' in outcome ? `${outcome.entries.join(' + ')} (${outcome.why})` : outcome.skipped}`);
}
console.log(`${questions.length} questions (tune et dev-learn) : ${kept.length} phrasés gardés.`);
for (const [key, n] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${key}`);

if (!process.argv.includes('--dry-run')) {
  // One example a line: the file is read and edited by hand too.
  const line = (e: { q: string; entries: string[]; from?: string }) =>
    `    { "q": ${JSON.stringify(e.q)}, "entries": [${e.entries.map((id) => JSON.stringify(id)).join(', ')}]${e.from ? `, "from": ${JSON.stringify(e.from)}` : ''} }`;
  const lines = [...byHand, ...kept].map(line);
  const declinedLines = [...declinedByHand, ...declined].map((e) => `    { "q": ${JSON.stringify(e.q)}${e.from ? `, "from": ${JSON.stringify(e.from)}` : ''} }`);
  writeFileSync(
    FILE,
    `{\n  "note": ${JSON.stringify(file.note)},\n  "examples": [\n${lines.join(',\n')}\n  ],\n  "declined": [\n${declinedLines.join(',\n')}\n  ]\n}\n`,
  );
  console.log(`content/phrasings.json : ${byHand.length} phrasés ajoutés à la main, ${kept.length} collectés ; ${declinedByHand.length} + ${declined.length} sans réponse.`);
}
