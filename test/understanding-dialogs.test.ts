import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allText, content, Conversation } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const needs = content.needs;

describe('the profile by typing alone', () => {
  it('understands « mairie » and « Seine-Saint-Denis », and acknowledges each typed answer', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    expect(allText(await c.say('mairie'))).toMatch(/Noté : collectivité territoriale\./);
    expect(allText(await c.say('Seine-Saint-Denis'))).toMatch(/Noté : département \*\*Seine-Saint-Denis\*\* \(93\)/);
    expect(c.user()?.profile).toMatchObject({ actor: 'collectivite', departement: '93' });
  });

  it('reads « non » to « emploie-t-elle des salariés ? », « intérêt général » and a commune', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.say('asso');
    expect(allText(await c.say('non'))).toMatch(/Noté : non, 100 % bénévole\./);
    await c.say('intérêt général');
    expect(allText(await c.say('Lyon'))).toMatch(/Lyon, département \*\*Rhône\*\* \(69\)/);
    expect(c.user()?.profile).toMatchObject({ actor: 'association', options: { emploi: 'association-benevole', modele: 'interet-general' }, departement: '69' });
  });

  it('asks which Saint-Denis, with the candidates as buttons', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.say('fondation');
    expect(allText(await c.say('Saint-Denis'))).toMatch(/Plusieurs communes portent ce nom/);
    await c.press(/Saint-Denis \(974\)/);
    expect(c.user()?.profile.departement).toBe('974');
  });

  it('never gives up on the profile: after junk, a short list, and the profile is completed before any recommendation', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    for (let i = 0; i < 5; i++) await c.say('xqwz blorg');
    expect(c.user()?.dialogStack.at(-1)).toMatchObject({ dialog: 'profile', step: 'actor' });
    expect(c.lastText()).toMatch(/voici les réponses possibles/);
    await c.say('association');
    await c.say('diagnostic');
    // Still in the profile: the diagnosis waits for it.
    expect(c.user()?.dialogStack.at(-1)?.dialog).toBe('profile');
    await c.say('oui');
    await c.say('utilité sociale');
    await c.say('13');
    expect(c.user()?.profile.completedAt).toBeDefined();
    expect(c.lastText()).toContain(`Besoin 1/${needs.length}`);
  });

  it('resumes a profile left incomplete (by an older version) before recommending anything', async () => {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.say('association');
    await c.say('menu');
    expect(c.user()?.profile.completedAt).toBeUndefined();
    await c.say('méthode');
    const replies = await c.press(/^Étape 1/);
    expect(allText(replies)).toMatch(/il me manque encore votre profil/);
    expect(c.user()?.dialogStack.at(-1)).toMatchObject({ dialog: 'profile', step: 'dimension' });
  });
});

describe('the diagnosis by typing alone', () => {
  async function onboarded() {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.say('entreprise');
    await c.say('PME');
    await c.say('69');
    await c.say('diagnostic');
    return c;
  }

  it('reads « oui tout à fait », « je sais pas », « trois » and « en acton », acknowledging each', async () => {
    const c = await onboarded();
    expect(allText(await c.say('oui tout à fait'))).toMatch(/Noté : 4 · Maîtrisé\./);
    expect(allText(await c.say('je sais pas'))).toMatch(/vous ne savez pas encore/);
    expect(allText(await c.say('trois'))).toMatch(/Noté : 3 · En action\./);
    await c.say('en acton');
    const answers = c.user()!.diagnosis.answers;
    expect(answers[needs[0]!.id]?.level).toBe(4);
    expect(answers[needs[1]!.id]).toMatchObject({ level: null, unknown: true });
    expect(answers[needs[3]!.id]?.level).toBe(3);
  });

  it('treats « je ne sais pas » as a need to explore in the results and in « mon bilan »', async () => {
    const c = await onboarded();
    await c.say('je ne sais pas');
    for (let i = 1; i < needs.length; i++) await c.say('4');
    const summary = c.transcript.find((m) => /besoins prioritaires/.test(m.text))!;
    expect(summary.text).toContain(`**${needs[0]!.title}** (${content.ui.labels.dontKnow})`);
    expect(allText(await c.say('mon bilan'))).toMatch(/ne sait pas encore \(à explorer\)/);
  });

  it('ignores a press on the card of an earlier need, saying the question is past', async () => {
    const c = await onboarded();
    const firstCard = c.choices();
    await c.say('2');
    await c.say('2');
    const stale = firstCard.find((b) => b.label.startsWith('4 ·'))!;
    const replies = await c.say(stale.label, stale.value);
    expect(allText(replies)).toMatch(/Cette question est déjà passée/);
    expect(replies.at(-1)!.text).toContain(`Besoin 3/${needs.length}`);
    expect(c.user()!.diagnosis.answers[needs[2]!.id]).toBeUndefined();
    expect(c.user()!.diagnosis.answers[needs[0]!.id]?.level).toBe(2);
  });
});

describe('the method by typing', () => {
  async function collectivite() {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.say('collectivité');
    await c.say('93');
    return c;
  }

  it('step 1 takes 0 to 10 and words, and explains two close categories side by side', async () => {
    const c = await collectivite();
    await c.say('méthode');
    await c.press(/^Étape 1/);
    expect(allText(await c.say('9'))).toMatch(/Noté : les processus, 9\/10\./);
    await c.say('pas important');
    await c.say('prioritaire');
    const result = await c.say('1');
    expect(c.user()!.method.objectives).toMatchObject({ weights: { processus: 9, 'business-model': 0, 'proposition-de-valeur': 10, positionnement: 1 }, max: 10 });
    const text = allText(result);
    expect(text).toMatch(/côte à côte/);
    for (const id of ['innovation-societale', 'pratiques-responsables']) expect(text).toContain(content.method.categories.find((x) => x.id === id)!.covers);
  });

  it('step 2 reads a typed description of the project, and words options for a collectivité', async () => {
    const c = await collectivite();
    await c.say('méthode');
    await c.press(/^Étape 2/);
    await c.say('mécénat');
    expect(c.choices().map((x) => x.label).join(' ')).not.toMatch(/L'entreprise/);
    const result = await c.say('nos agents veulent faire du mécénat de compétences avec les salariés d’une entreprise');
    expect(allText(result)).toMatch(/\*\*Engagement actif\*\*/);
    expect(c.user()!.method.model).toMatchObject({ category: 'mecenat', model: 'engagement-actif' });
  });
});
