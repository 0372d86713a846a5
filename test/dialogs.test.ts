import { describe, expect, it } from 'vitest';
import type { ExtraDialog } from '../src/conversation/dialog-types.js';
import { MESSAGE_BUDGET } from '../src/domain/out-message.js';
import { allText, content, readableText } from './helpers/conversation.js';
import { flows, playSteps, profile, useConversations, type Step } from './helpers/conversation-table.js';

const chat = useConversations();
const { needs } = content;
const needTitle = (i: number) => needs[i]!.title;

/** What the record holds once need `i` is answered with `level`. */
const answered = (i: number, level: number) => ({ diagnosis: { answers: { [needs[i]!.id]: { level } } } });
/** The record holds answers to this many needs. */
const answersKept = (count: number) => (user: { diagnosis: { answers: object } }) => expect(Object.keys(user.diagnosis.answers)).toHaveLength(count);

/** A new user who has given the profile: an employing association in the Rhône. */
async function association() {
  const c = await chat.open();
  await playSteps(c, profile.association());
  return c;
}

const diagnostic: Step = { say: 'diagnostic' };

describe('welcome and profile', () => {
  it.each(
    flows({
      'greets a new user and asks what kind of organisation they represent': {
        steps: [{ connect: true, reply: /Compagnon ODD 17/, buttons: content.actors.map((a) => a.label) }],
      },
      'asks the details that matter for the actor type, then the département, and stores the profile': {
        steps: [
          { connect: true },
          { press: /^Entreprise/, offers: [/PME/] },
          { press: /PME/, asks: /département/ },
          { say: '2a', reply: /Et maintenant/, offersFirst: 'Diagnostic des 7 besoins', stores: { profile: { actor: 'entreprise', options: { taille: 'pme' }, departement: '2A' } } },
        ],
      },
      're-asks an unknown département with help, and accepts « je préfère ne pas le dire »': {
        steps: [
          { connect: true },
          { press: /^Fondation/ },
          { say: 'Atlantide', reply: /pas reconnu ce département/ },
          {
            press: 'Je préfère ne pas le dire',
            stores: (user) => {
              expect(user.profile.actor).toBe('fondation');
              expect(user.profile.departement).toBeUndefined();
            },
          },
        ],
      },
      'lets the user edit the profile later with « modifier mon profil »': {
        as: profile.association(),
        steps: [
          { say: 'modifier mon profil' },
          { press: /^Collectivit/ },
          { say: '13', stores: { profile: { actor: 'collectivite', departement: '13', options: {} } } },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('diagnosis of the 7 needs', () => {
  it('walks through every need with its questions and progress, then recommends tools with reasons', async () => {
    const c = await association();
    let turn = await c.press(/Diagnostic/);
    for (let i = 0; i < needs.length; i++) {
      const prompt = allText(turn);
      expect(turn.at(-1)!.progress).toMatchObject({ position: i + 1, total: needs.length });
      expect(prompt).toContain(`Besoin ${i + 1}/${needs.length}`);
      expect(prompt).toContain(needTitle(i));
      for (const q of needs[i]!.questions) expect(prompt.toLowerCase()).toContain(q.toLowerCase());
      // Evaluation is the weakest need, the others are fairly advanced.
      turn = await c.say(needs[i]!.id === 'evaluer-pertinence' ? '1' : '3');
    }
    const results = c.transcript.find((m) => m.cards.length > 0)!;
    expect(results.text).toMatch(/besoins prioritaires/);
    expect(results.cards.length).toBeGreaterThanOrEqual(3);
    expect(results.cards.length).toBeLessThanOrEqual(5);
    // One line says why; what the tool is and how it fits the profile unfold behind it.
    const firstTool = content.tools.find((t) => t.title === results.cards[0]!.title)!;
    // The typography puts no-break spaces inside « » and before « : ».
    const plain = (text = '') => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(results.cards[0]!.detail)).toContain(plain(firstTool.summary));
    for (const card of results.cards) expect(card.text!.length).toBeLessThanOrEqual(300);
    expect(results.cards[0]!.text).toContain('« Évaluer sa pertinence » est votre besoin le moins avancé (À explorer)');
    expect(results.cards.filter((card) => card.url?.startsWith('http')).length).toBeGreaterThanOrEqual(3);
    expect(c.user()?.diagnosis.completedAt).toBeDefined();
    expect(c.user()?.diagnosis.results?.priorities[0]).toBe('evaluer-pertinence');
  });

  it.each(
    flows({
      'understands typed answers such as « plutôt oui », « 2/4 » or « Pas du tout »': {
        as: profile.association(),
        steps: [
          diagnostic,
          { say: 'plutôt oui', stores: answered(0, 3) },
          { say: '2/4', stores: answered(1, 2) },
          { say: 'Pas du tout !', stores: answered(2, 1) },
        ],
      },
      're-asks an invalid answer with help, and returns to the menu after three failures, keeping answers': {
        as: profile.association(),
        steps: [
          diagnostic,
          { say: '2' },
          // Asked again without the whole need printed a second time.
          { say: 'patate', reply: /pas compris votre réponse/, progress: 'Besoin 2/7', replyNot: needs[1]!.summary },
          { say: '7' },
          { say: 'euh', reply: /revenons au menu/, in: 'menu', stores: answered(0, 2) },
        ],
      },
      'lets the user skip a need, and leaves skipped needs out of the priorities': {
        as: profile.association(),
        steps: [
          diagnostic,
          { press: 'Passer ce besoin', progress: 'Besoin 2/7' },
          { say: '2' },
          ...needs.slice(2, -1).map((): Step => ({ say: '4' })),
          { say: '4', stores: { diagnosis: { answers: { [needs[0]!.id]: { level: null } }, results: { priorities: [needs[1]!.id] } } } },
        ],
      },
      'is interrupted by « menu » and resumes exactly at the same need with « diagnostic »': {
        as: profile.association(),
        steps: [
          diagnostic,
          { say: '1' },
          { say: '2' },
          { say: 'menu', reply: /diagnostic est commencé \(2\/7/, offersFirst: 'Reprendre le diagnostic' },
          { press: 'Reprendre le diagnostic', reply: /On reprend/, progress: `Besoin 3/7 · ${needTitle(2)}` },
        ],
      },
      'pauses on request and keeps the answers given so far': {
        as: profile.association(),
        steps: [diagnostic, { say: '3' }, { press: 'Faire une pause', reply: /faisons une pause/, stores: answersKept(1) }],
      },
      'asks before « recommencer » erases the answers, and keeps them on « non »': {
        as: profile.association(),
        steps: [
          diagnostic,
          { say: '3' },
          { say: 'recommencer', asks: /recommencer le diagnostic depuis le début/ },
          { say: 'non', reply: /je garde vos réponses/, progress: 'Besoin 2/7' },
          { say: 'recommencer' },
          { say: 'oui', progress: 'Besoin 1/7', stores: (user) => expect(user.diagnosis.answers).toEqual({}) },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));

  it('shows « Mon bilan » with each need and the recommended tools', async () => {
    const c = await association();
    await c.say('diagnostic');
    for (let i = 0; i < needs.length; i++) await c.say(String((i % 4) + 1));
    const report = await c.say('mon bilan');
    const text = readableText(report);
    expect(text).toContain('Mon bilan');
    for (const need of needs) expect(text).toContain(need.title);
    expect(text).toContain('●○○○');
    expect(report.flatMap((m) => m.cards).length).toBeGreaterThanOrEqual(3);
    for (const m of report) expect(m.text.length).toBeLessThanOrEqual(MESSAGE_BUDGET);
  });
});

describe('anytime commands and unexpected input', () => {
  it.each(
    flows({
      'declines an out-of-scope question honestly and offers the menu': {
        as: profile.association(),
        steps: [{ say: 'quel temps fait-il ?', reply: /Je ne sais pas répondre à cette question/, offers: ['Menu'], in: 'menu' }],
      },
      'explains the commands on « aide » and asks the pending question again': {
        as: profile.association(),
        steps: [diagnostic, { say: 'aide', reply: /écrire \*\*menu\*\* pour revenir au menu/, progress: 'Besoin 1/7' }],
      },
      'stops the dialog under way on « annuler » and keeps what was answered': {
        as: profile.association(),
        steps: [diagnostic, { say: '4' }, { say: 'Annuler', reply: /on s'arrête là/, in: 'menu', stores: answersKept(1) }],
      },
      'answers empty and oversized texts without losing the pending question': {
        as: profile.association(),
        steps: [
          diagnostic,
          { say: '   ', reply: /vide/, progress: 'Besoin 1/7' },
          { say: 'x'.repeat(50_000), reply: /trop long/, in: { dialog: 'diagnosis', step: 'need' } },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));

  it('survives a crash inside a dialog step: apologises, asks again, and keeps the stored data', async () => {
    const boom: ExtraDialog = {
      id: 'boom',
      start: () => ({ then: { goto: 'ask' } }),
      steps: {
        ask: {
          prompt: () => [{ text: 'Question piège', choices: [], cards: [] }],
          handle: (ctx) => {
            ctx.user.profile.actor = 'corrupted';
            throw new Error('step crashed');
          },
        },
      },
    };
    const c = await chat.open({ extraDialogs: [boom] });
    await playSteps(c, profile.association());
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'boom', step: 'ask', data: {}, attempts: 0 }];
    c.store.put(user);
    const replies = await c.say('je continue');
    expect(replies[0]!.text).toMatch(/souci technique/);
    expect(replies.at(-1)!.text).toBe('Question piège');
    expect(c.user()!.profile.actor).toBe('association');
  });

  it('resets a stored dialog step that no longer exists instead of failing every turn', async () => {
    const c = await association();
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'removed-dialog', step: 'x', data: {}, attempts: 0 }];
    c.store.put(user);
    const replies = await c.say('2');
    expect(allText(replies)).toMatch(/mis à jour/);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
  });
});
