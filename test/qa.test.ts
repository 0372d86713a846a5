import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluateQa, QaSet } from '../src/services/qa-eval/evaluate-qa.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import { allText, content, type Conversation } from './helpers/conversation.js';
import { useConversations } from './helpers/conversation-table.js';
import { useTestServer } from './helpers/test-server.js';

const index = KnowledgeIndex.build(content);
const answerId = (q: string) => {
  const outcome = index.ask(q);
  return outcome.status === 'answer' ? outcome.doc.id : outcome.status;
};

const chat = useConversations();

async function member(c: Conversation) {
  await c.connect();
  await c.press(/^Association/);
  await c.press(/100 % bénévole/);
  await c.press(/utilité sociale/);
  await c.say('35');
}

describe('retrieval in French', () => {
  it('keeps the accuracy reached on the old question set (top-1 ≥ 82 %, top-3 ≥ 93 %, out of scope all declined)', () => {
    const set = QaSet.parse(JSON.parse(readFileSync(new URL('./qa-set.json', import.meta.url), 'utf8')));
    expect(set.inScope.length).toBeGreaterThanOrEqual(60);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(10);
    const scores = evaluateQa(index, set);
    // The old set (test/qa-set.json) expects entry ids; the free-text answers are judged on facts by
    // test/qa-eval.test.ts. Some questions now get a more specific entry holding the same fact.
    expect(scores.top1).toBeGreaterThanOrEqual(0.82);
    expect(scores.top3).toBeGreaterThanOrEqual(0.93);
    expect(scores.outOfScopeRejection).toBe(1);
  });

  it('finds the entry from questions typed without accents or with typos', () => {
    expect(answerId('c est quoi le mecenat de competance')).toBe('faq:mecenat-de-competences');
    expect(answerId('comment evaluer un partenarait')).toBe('faq:evaluation-partenariale');
    expect(answerId('coconstruction territorial definition')).toBe('faq:co-construction-territoriale');
  });

  it('understands abbreviations and everyday words', () => {
    expect(answerId('PTCE ?')).toBe('faq:ptce');
    expect(answerId('la RSE c quoi')).toBe('faq:rse');
    expect(answerId('quel interet pour ma boite de faire alliance')).toBe('faq:benefices-entreprise');
    // « mairie » is read as « collectivité territoriale ».
    expect(answerId('quel intérêt pour une mairie de faire alliance ?')).toBe('faq:benefices-collectivite');
  });

  it('declines questions outside the seeds and never answers them with a figure', () => {
    for (const q of ['quel temps fait il demain a lyon', 'recette de la blanquette', 'taux de reduction d impot pour le mecenat']) {
      expect(index.ask(q).status).not.toBe('answer');
    }
  });
});

describe('answers in the conversation', () => {
  it('answers with the source, a link when the seeds give one, follow-ups and a 👍/👎 that is stored', async () => {
    const c = await chat.open();
    await member(c);
    const replies = await c.say("c'est quoi le programme IMPACT ?");
    const answer = replies[0]!;
    expect(answer.text).toMatch(/^\*\*.*IMPACT/);
    expect(answer.text).toMatch(/Source : \*.*Observatoire|Source : \*.*alliances/i);
    const labels = answer.choices.map((x) => x.label);
    expect(labels).toEqual(expect.arrayContaining(['👍 Utile', '👎 Pas utile', 'Menu']));
    expect(labels.length).toBeLessThanOrEqual(6);
    // The 👍 of the answer stays usable after the menu is shown again.
    const up = answer.choices.find((x) => x.label === '👍 Utile')!;
    await c.say(up.label, up.value);
    expect(c.store.feedback()).toEqual([expect.objectContaining({ entry: 'faq:programme-impact', vote: 'up' })]);
  });

  it('says plainly when it does not have the information, offers the closest topics, and logs the question without personal data', async () => {
    const c = await chat.open();
    await member(c);
    const replies = await c.say('quel taux de réduction d’impôt pour le mécénat ? écrivez-moi à jean.dupont@exemple.fr');
    expect(replies[0]!.text).toMatch(/pas cette information|pas sûr/);
    expect(replies[0]!.choices.map((x) => x.label).join()).toMatch(/mécénat/i);
    const [logged] = c.store.unanswered();
    expect(logged!.text).toContain('[e-mail]');
    expect(logged!.text).not.toContain('dupont');
  });

  it('answers a question typed mid-dialog, then asks the pending question again and keeps the dialog', async () => {
    const c = await chat.open();
    await member(c);
    await c.say('diagnostic');
    await c.say('3');
    const replies = await c.say("c'est quoi un PTCE ?");
    expect(replies[0]!.text).toMatch(/PTCE/);
    expect(replies.at(-1)!.text).toContain('Besoin 2/7');
    expect(c.user()!.dialogStack.at(-1)).toMatchObject({ dialog: 'diagnosis', step: 'need', attempts: 0 });
    await c.say('2');
    expect(c.user()!.diagnosis.answers[content.needs[1]!.id]?.level).toBe(2);
    expect(allText(c.transcript.slice(-2))).toContain('Besoin 3/7');
  });

  it('keeps « 2 », « oui » and « 7 » as answers to the dialog, not questions', async () => {
    const c = await chat.open();
    await member(c);
    await c.say('diagnostic');
    await c.say('oui');
    expect(c.user()!.diagnosis.answers[content.needs[0]!.id]?.level).toBe(4);
    const seven = await c.say('7');
    expect(allText(seven)).toMatch(/pas compris votre réponse/);
  });

  it('handles small talk anywhere without losing the pending question', async () => {
    const c = await chat.open();
    await member(c);
    await c.say('diagnostic');
    const thanks = await c.say('Merci !');
    expect(thanks[0]!.text).toBe('Avec plaisir !');
    // The pending question comes back in one line with its buttons, not printed whole again.
    expect(thanks).toHaveLength(2);
    expect(thanks[1]!.text).toMatch(/^Pour reprendre\s:\s+\*\*Besoin 1\/7/);
    expect(thanks[1]!.choices.map((c) => c.label)).toContain('Passer ce besoin');
    expect(allText(await c.say('qui es-tu ?'))).toMatch(/Compagnon ODD/);
    expect(allText(await c.say('au revoir'))).toMatch(/Au revoir/);
  });

  it('offers a « Poser une question » mode from the menu', async () => {
    const c = await chat.open();
    await member(c);
    await c.say('menu');
    await c.press('Poser une question');
    const answer = await c.say('les jeudis de l odd 17 c est quoi');
    expect(answer[0]!.text).toMatch(/Jeudis de l'ODD 17/);
    expect(answer.at(-1)!.text).toMatch(/Une autre question/);
  });

  it('`npm run report:unanswered` lists unanswered questions with their counts', async () => {
    const c = await chat.open();
    await member(c);
    await c.say('question');
    await c.say('comment créer une association ?');
    await c.say('Comment creer une association');
    await c.say('horaires de la mairie ?');
    await c.store.flush();
    const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
    const cli = new URL('../src/cli/report-unanswered-cli.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(tsx, [cli], { env: { ...process.env, DATA_DIR: chat.dir } });
    expect(stdout).toMatch(/Questions sans réponse : 3 \(2 différentes\)/);
    expect(stdout).toMatch(/2 × « comment créer une association \? »/);
  });
});

describe('questions over the web chat', () => {
  const ctx = useTestServer();

  it('answers three questions with their sources over a real websocket', async () => {
    const { client } = await ctx.visitor();
    await client.press(/^Fondation/);
    await client.ask('75');
    // (« combien de fondations en France ? » is not in the documents: the bot says so, with no source.)
    for (const q of ["c'est quoi un catalyseur territorial ?", "combien d'associations en france ?", 'mecenat de competences ?']) {
      const replies = await client.ask(q);
      expect(replies[0]!.text).toMatch(/Source : \*/);
    }
  });
});
