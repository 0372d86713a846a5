import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dialog } from '../src/conversation/dialog-types.js';
import { allText, content, Conversation } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const needTitle = (i: number) => content.needs[i]!.title;

/** New user through the profile: an employing association in the Rhône. */
async function onboardAssociation(c: Conversation) {
  await c.connect();
  await c.press(/^Association/);
  await c.press(/employeuse/i);
  const modele = c.choices();
  await c.say(modele[0]!.label, modele[0]!.value);
  await c.say('69');
}

describe('welcome and profile', () => {
  it('greets a new user and asks what kind of organisation they represent', async () => {
    const c = await Conversation.open(tmp.dir);
    const replies = await c.connect();
    expect(allText(replies)).toMatch(/Compagnon ODD 17/);
    expect(c.choices().map((x) => x.label)).toEqual(content.actors.map((a) => a.label));
  });

  it('asks the details that matter for the actor type, then the département, and stores the profile', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.press(/^Entreprise/);
    expect(c.choices().map((x) => x.label).join(' ')).toMatch(/PME/);
    await c.press(/PME/);
    expect(c.lastText()).toMatch(/département/);
    await c.say('2a');
    expect(c.user()?.profile).toMatchObject({ actor: 'entreprise', options: { taille: 'pme' }, departement: '2A' });
    expect(allText(c.transcript.slice(-2))).toMatch(/Que souhaitez-vous faire/);
  });

  it('re-asks an unknown département with help, and accepts « je préfère ne pas le dire »', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.press(/^Fondation/);
    const replies = await c.say('Atlantide');
    expect(allText(replies)).toMatch(/pas reconnu ce département/);
    await c.press('Je préfère ne pas le dire');
    expect(c.user()?.profile.actor).toBe('fondation');
    expect(c.user()?.profile.departement).toBeUndefined();
  });

  it('lets the user edit the profile later with « modifier mon profil »', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('modifier mon profil');
    await c.press(/^Collectivit/);
    await c.say('13');
    expect(c.user()?.profile).toMatchObject({ actor: 'collectivite', departement: '13', options: {} });
  });
});

describe('diagnosis of the 7 needs', () => {
  it('walks through every need with its questions and progress, then recommends tools with reasons', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.press(/Diagnostic/);
    for (let i = 0; i < content.needs.length; i++) {
      const prompt = c.lastText();
      expect(prompt).toContain(`Besoin ${i + 1}/${content.needs.length}`);
      expect(prompt).toContain(needTitle(i));
      for (const q of content.needs[i]!.questions) expect(prompt.toLowerCase()).toContain(q.toLowerCase());
      // Evaluation is the weakest need, the others are fairly advanced.
      await c.say(content.needs[i]!.id === 'evaluer-pertinence' ? '1' : '3');
    }
    const results = c.transcript.find((m) => m.cards.length > 0)!;
    expect(results.text).toMatch(/besoins prioritaires/);
    expect(results.cards.length).toBeGreaterThanOrEqual(3);
    expect(results.cards.length).toBeLessThanOrEqual(5);
    expect(results.cards[0]!.text).toMatch(/Vous êtes une association employeuse/);
    expect(results.cards[0]!.text).toContain('« Évaluer sa pertinence » est votre besoin le moins avancé (À explorer)');
    expect(results.cards.filter((card) => card.url?.startsWith('http')).length).toBeGreaterThanOrEqual(3);
    expect(c.user()?.diagnosis.completedAt).toBeDefined();
    expect(c.user()?.diagnosis.results?.priorities[0]).toBe('evaluer-pertinence');
  });

  it('understands typed answers such as « plutôt oui », « 2/4 » or « Pas du tout »', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('plutôt oui');
    await c.say('2/4');
    await c.say('Pas du tout !');
    const answers = c.user()!.diagnosis.answers;
    expect(answers[content.needs[0]!.id]?.level).toBe(3);
    expect(answers[content.needs[1]!.id]?.level).toBe(2);
    expect(answers[content.needs[2]!.id]?.level).toBe(1);
  });

  it('re-asks an invalid answer with help, and returns to the menu after three failures, keeping answers', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('2');
    const first = await c.say('patate');
    expect(allText(first)).toMatch(/pas compris votre réponse/);
    expect(first.at(-1)!.text).toContain('Besoin 2/7');
    // Asked again without the whole need printed a second time.
    expect(first.at(-1)!.text).not.toContain(content.needs[1]!.summary);
    await c.say('7');
    const third = await c.say('euh');
    expect(allText(third)).toMatch(/revenons au menu/);
    expect(c.user()!.diagnosis.answers[content.needs[0]!.id]?.level).toBe(2);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
  });

  it('lets the user skip a need, and leaves skipped needs out of the priorities', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.press('Passer ce besoin');
    expect(c.lastText()).toContain('Besoin 2/7');
    for (let i = 1; i < content.needs.length; i++) await c.say(i === 1 ? '2' : '4');
    expect(c.user()!.diagnosis.answers[content.needs[0]!.id]?.level).toBeNull();
    expect(c.user()!.diagnosis.results?.priorities).toEqual([content.needs[1]!.id]);
  });

  it('is interrupted by « menu » and resumes exactly at the same need with « diagnostic »', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('1');
    await c.say('2');
    const menu = await c.say('menu');
    expect(allText(menu)).toMatch(/diagnostic est commencé \(2\/7/);
    expect(c.choices()[0]!.label).toBe('Reprendre le diagnostic');
    const resumed = await c.press('Reprendre le diagnostic');
    expect(allText(resumed)).toMatch(/On reprend/);
    expect(resumed.at(-1)!.text).toContain(`Besoin 3/7 · ${needTitle(2)}`);
  });

  it('pauses on request and keeps the answers given so far', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('3');
    const paused = await c.press('Faire une pause');
    expect(allText(paused)).toMatch(/faisons une pause/);
    expect(Object.keys(c.user()!.diagnosis.answers)).toHaveLength(1);
  });

  it('asks before « recommencer » erases the answers, and keeps them on « non »', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('3');
    await c.say('recommencer');
    expect(c.lastText()).toMatch(/recommencer le diagnostic depuis le début/);
    const kept = await c.say('non');
    expect(allText(kept)).toMatch(/je garde vos réponses/);
    expect(kept.at(-1)!.text).toContain('Besoin 2/7');
    await c.say('recommencer');
    const fresh = await c.say('oui');
    expect(fresh.at(-1)!.text).toContain('Besoin 1/7');
    expect(c.user()!.diagnosis.answers).toEqual({});
  });

  it('shows « Mon bilan » with each need and the recommended tools', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    for (let i = 0; i < content.needs.length; i++) await c.say(String((i % 4) + 1));
    const report = await c.say('mon bilan');
    expect(report[0]!.text).toContain('Mon bilan');
    for (const need of content.needs) expect(report[0]!.text).toContain(need.title);
    expect(report[0]!.text).toContain('●○○○');
    expect(report[0]!.cards.length).toBeGreaterThanOrEqual(3);
  });
});

describe('anytime commands and unexpected input', () => {
  it('declines an out-of-scope question honestly and offers the menu', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    const replies = await c.say('quel temps fait-il ?');
    expect(allText(replies)).toMatch(/Je ne sais pas répondre à cette question/);
    expect(replies.at(-1)!.choices.map((x) => x.label)).toContain('Menu');
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
    expect(c.choices().length).toBeGreaterThan(0);
  });

  it('explains the commands on « aide » and asks the pending question again', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    const help = await c.say('aide');
    expect(help[0]!.text).toMatch(/menu/);
    expect(help.at(-1)!.text).toContain('Besoin 1/7');
  });

  it('stops the dialog under way on « annuler » and keeps what was answered', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    await c.say('4');
    const replies = await c.say('Annuler');
    expect(allText(replies)).toMatch(/on s'arrête là/);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
    expect(Object.keys(c.user()!.diagnosis.answers)).toHaveLength(1);
  });

  it('answers empty and oversized texts without losing the pending question', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    await c.say('diagnostic');
    const empty = await c.say('   ');
    expect(allText(empty)).toMatch(/vide/);
    expect(empty.at(-1)!.text).toContain('Besoin 1/7');
    const huge = await c.say('x'.repeat(50_000));
    expect(allText(huge)).toMatch(/trop long/);
    expect(c.user()!.dialogStack.at(-1)?.step).toBe('need');
  });

  it('survives a crash inside a dialog step: apologises, asks again, and keeps the stored data', async () => {
    const boom: Dialog = {
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
    const c = await Conversation.open(tmp.dir, { extraDialogs: [boom] });
    await onboardAssociation(c);
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'boom', step: 'ask', data: {}, attempts: 0 }];
    c.store.put(user);
    const replies = await c.say('je continue');
    expect(replies[0]!.text).toMatch(/souci technique/);
    expect(replies.at(-1)!.text).toBe('Question piège');
    expect(c.user()!.profile.actor).toBe('association');
  });

  it('resets a stored dialog step that no longer exists instead of failing every turn', async () => {
    const c = await Conversation.open(tmp.dir);
    await onboardAssociation(c);
    const user = c.user()!;
    user.dialogStack = [{ dialog: 'removed-dialog', step: 'x', data: {}, attempts: 0 }];
    c.store.put(user);
    const replies = await c.say('2');
    expect(allText(replies)).toMatch(/mis à jour/);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
  });
});
