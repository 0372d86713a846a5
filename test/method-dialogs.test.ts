import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW } from './helpers/clock.js';
import { allText, content, Conversation, testReportLinks } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

async function company(c: Conversation, departement = '13') {
  await c.connect();
  await c.press(/^Entreprise/);
  await c.press(/PME/);
  await c.say(departement);
}

async function association(c: Conversation, departement = '69') {
  await c.connect();
  await c.press(/^Association/);
  await c.press(/employeuse/i);
  await c.press(/intérêt général/);
  await c.say(departement);
}

/** Step 1 with weights for processus, business model, proposition de valeur, positionnement. */
async function stepOne(c: Conversation, weights: string[]) {
  await c.say('méthode');
  await c.press(/Étape 1/);
  for (const weight of weights) await c.say(weight);
}

describe('step 1: objectives', () => {
  it('asks the weight of the 4 objectives of the carré magique and shows the blend and the category', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await c.say('méthode');
    const intro = await c.press(/^Étape 1/);
    for (const objective of content.method.objectives) expect(allText(intro)).toContain(objective.label);
    expect(allText(intro)).toContain("celui d'une PME");
    await c.say('1');
    await c.say('2');
    await c.say('5');
    const result = await c.say('4');
    const text = allText(result);
    expect(text).toMatch(/Innovation sociétale \(la proposition de valeur\) : \*\*42 %\*\*/);
    expect(text).toMatch(/pointent vers \*\*Innovation sociétale\*\*\. \*\*Mécénat\*\* est proche/);
    expect(result.find((m) => m.cards.length > 0)?.cards.length).toBeGreaterThanOrEqual(2);
    expect(c.user()!.method.objectives?.weights).toEqual({ processus: 1, 'business-model': 2, 'proposition-de-valeur': 5, positionnement: 4 });
  });

  it('re-asks impossible weights and refuses four zeros', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await c.say('méthode');
    await c.press(/^Étape 1/);
    expect(allText(await c.say('12'))).toMatch(/au-delà de l'échelle/);
    expect(allText(await c.say('patate'))).toMatch(/nombre entier de 0/);
    expect(c.lastText()).toContain('Objectif 1/4');
    await c.say('0');
    await c.say('0/5');
    await c.say('0');
    const zero = await c.say('0');
    expect(allText(zero)).toMatch(/0 aux 4 objectifs/);
    expect(zero.at(-1)!.text).toContain('Objectif 1/4');
    expect(c.user()!.method.objectives).toBeUndefined();
  });

  it('says when the barycentre is at the centre', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await stepOne(c, ['3', '3', '3', '3']);
    expect(allText(c.transcript.slice(-4))).toMatch(/au centre du carré/);
  });
});

describe('step 2: partnership model', () => {
  it('starts from the recommended category, asks what tells its models apart, and concludes with the reason', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await stepOne(c, ['0', '1', '5', '2']);
    await c.press('Continuer');
    expect(c.choices()[0]!.label).toBe('Innovation sociétale (recommandée)');
    const category = await c.press(/recommandée/);
    expect(allText(category)).toContain('R&D sociétale');
    expect(allText(category)).toContain('Banque Postale - ASAD');
    const result = await c.press(/Développer un service/);
    const text = allText(result);
    expect(text).toMatch(/Votre modèle de partenariat : \*\*R&D sociétale\*\*/);
    expect(text).toMatch(/Pourquoi : vous avez indiqué « Développer un service ou un produit »/);
    expect(text).toMatch(/porte d'entrée habituelle est \*\*Pratiques responsables\*\*/);
    expect(text).toMatch(/En phase de déploiement/);
    expect(c.user()!.method.model).toMatchObject({ category: 'innovation-societale', model: 'rd-societale' });
  });

  it('lets the user pick another category, and explains intérêt général for an association', async () => {
    const c = await Conversation.open(tmp.dir);
    await association(c);
    await c.say('méthode');
    await c.press(/^Étape 2/);
    await c.say('mecenat');
    expect(c.lastText()).toContain("Dans le partenariat que vous envisagez, qu'est-ce qui domine ?");
    expect(allText(await c.say('n’importe quoi'))).toMatch(/pas reconnu de réponse/);
    // Worded from the association's side: the kit speaks from the company's (« l'implication des collaborateurs »).
    const mecenat = content.method.categories.find((x) => x.id === 'mecenat')!;
    expect(c.choices().map((x) => x.label)).toEqual(mecenat.discriminator.options.map((o) => o.byActor.association!.label));
    const result = await c.press(/salariés d'entreprise/);
    expect(allText(result)).toMatch(/\*\*Engagement actif\*\*/);
    expect(allText(result)).toMatch(/modèle d'intérêt général/);
    expect(c.user()!.method.model).toMatchObject({ category: 'mecenat', model: 'engagement-actif' });
  });
});

describe('step 3: territorial ecosystem', () => {
  it('presents the 4 functions, asks which are needed, and shows examples nearest first', async () => {
    const c = await Conversation.open(tmp.dir);
    await association(c, '69');
    await c.say('méthode');
    const intro = await c.press(/^Étape 3/);
    expect(allText(intro)).toMatch(/catalyseur territorial/);
    expect(allText(intro)).toContain('Paris Est Marne & Bois (94)');
    await c.press(/Pas pour nous/);
    await c.press(/déjà/);
    expect(allText(await c.say('peut-être'))).toMatch(/pas reconnu/);
    await c.say('besoin');
    const result = await c.press(/besoin/);
    const text = allText(result);
    expect(text).toMatch(/Vous avez besoin de : \*\*Accompagnements\*\*, \*\*Gestion d'un lieu\*\*/);
    const lines = text.split('\n').filter((l) => l.startsWith('- **'));
    expect(lines[0]).toMatch(/département 69, le vôtre/);
    expect(c.user()!.method.ecosystem?.functions).toEqual({
      'dialogue-territorial': 'none',
      'experimentations-collectives': 'already',
      accompagnements: 'need',
      'gestion-lieu': 'need',
    });
  });
});

describe('evaluation of a partnership', () => {
  it('asks the kit’s questions, skips « si oui, comment ? » after a no, re-asks invalid answers and sums up', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    const intro = await c.say('évaluer un partenariat');
    expect(allText(intro)).toMatch(/La pertinence/);
    expect(c.lastText()).toContain('Le partenariat a-t-il eu des effets sur votre organisation interne ?');
    for (const answer of ['Oui', 'En partie', 'Non', 'Oui']) await c.press(answer);
    await c.press('Oui');
    await c.press('En partie');
    expect(allText(await c.say('bof'))).toMatch(/« oui », « en partie », « non » ou « je ne sais pas »/);
    await c.say('plutôt oui');
    await c.press('Non');
    await c.press('Je ne sais pas');
    await c.press('Non');
    expect(c.lastText()).toContain('Le choix du mode de partenariat était-il cohérent');
    await c.press('Oui');
    expect(c.lastText()).toMatch(/Écrivez votre réponse/);
    expect(allText(await c.say('x'.repeat(600)))).toMatch(/dépasse 500 caractères/);
    await c.say('Il complète notre politique RSE.');
    const summary = await c.press('Oui');
    const text = allText(summary);
    expect(text).toMatch(/Synthèse de votre évaluation/);
    expect(text).toContain('Les résultats sont-ils au rendez-vous ? **Oui**');
    expect(text).toContain('Effets sur le dialogue avec vos parties prenantes externes : **En partie**');
    expect(text).toContain('**« Il complète notre politique RSE. »**');
    expect(summary.find((m) => m.cards.length > 0)?.cards.map((card) => card.title).join()).toMatch(/évaluation/i);
    expect(Object.keys(c.user()!.method.evaluation!.answers)).toHaveLength(13);
  });
});

describe('mon parcours', () => {
  it('shows which steps are done and resumes the next one', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await stepOne(c, ['1', '1', '1', '4']);
    const journey = await c.say('mon parcours');
    expect(allText(journey)).toMatch(/✅ Étape 1 · Objectifs/);
    expect(allText(journey)).toMatch(/⬜ Étape 2 · Modèle de partenariat/);
    expect(c.choices()[0]!.label).toBe('Continuer : Diagnostic des 7 besoins');
    const step2 = await c.press('Étape 2 · Modèle de partenariat');
    expect(allText(step2)).toMatch(/pointent vers \*\*Mécénat\*\*/);
  });
});

describe('pairing two partners', () => {
  it('lets a partner join with a code, shows both barycentres and the common category, and nothing else', async () => {
    const alice = await Conversation.open(tmp.dir, { userId: 'alice' });
    await association(alice, '69');
    await alice.say('diagnostic');
    for (let i = 0; i < 7; i++) await alice.say('2');
    await stepOne(alice, ['0', '1', '3', '5']);
    await alice.say('jumelage');
    const invite = await alice.press('Inviter un partenaire');
    const code = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(allText(invite))?.[1];
    if (!code) throw new Error(allText(invite));

    const bob = alice.otherUser('bob');
    await company(bob, '13');
    await bob.say('jumelage');
    await bob.press("J'ai un code");
    expect(allText(await bob.say('ABCD-EFGH'))).toMatch(/Je ne connais pas ce code/);
    const joined = await bob.say(code.toLowerCase());
    expect(allText(joined)).toMatch(/vous êtes jumelé/);
    expect(joined.at(-1)!.text).toContain('Objectif 1/4');
    for (const weight of ['2', '1', '5', '2']) await bob.say(weight);
    await bob.press('Voir notre terrain commun');
    const ground = bob.lastText();
    expect(ground).toMatch(/avec votre partenaire : association/);
    expect(ground).toMatch(/- Mécénat : 20 % \/ 56 %/);
    expect(ground).toMatch(/La catégorie qui vous rassemble le plus : \*\*Innovation sociétale\*\*/);
    expect(ground).not.toMatch(/69|employeuse|intérêt général|En réflexion/);

    const third = alice.otherUser('carol');
    await company(third);
    await third.say('jumelage');
    await third.press("J'ai un code");
    expect(allText(await third.say(code))).toMatch(/déjà servi/);

    const aliceView = await alice.say('jumelage');
    expect(allText(aliceView)).toMatch(/- Mécénat : 56 % \/ 20 %/);
    await alice.press('Annuler le jumelage');
    expect(allText(await bob.say('jumelage'))).toMatch(/Inviter un partenaire|Jumelage avec un partenaire/);
  });
});

describe('mon bilan', () => {
  it('gives a signed link to the report page and sums up the method, one line per step', async () => {
    const c = await Conversation.open(tmp.dir);
    await company(c);
    await c.say('diagnostic');
    for (let i = 0; i < 7; i++) await c.say(i === 1 ? 'passer' : '2');
    await stepOne(c, ['5', '1', '1', '1']);
    await c.say('méthode');
    await c.press(/Étape 3/);
    for (const answer of [/besoin/, /déjà/, /Pas pour nous/, /besoin/]) await c.press(answer);
    await c.say('évaluation');
    while (!c.user()!.method.evaluation) {
      const open = c.choices().some((x) => x.label === 'Passer cette question');
      await c.press(open ? 'Passer cette question' : 'Non');
    }
    const report = await c.say('mon bilan');
    const lines = report[0]!.text.split('\n');
    expect(lines).toContain('- Comprendre son écosystème : passé');
    expect(lines).toContain('- Définir sa stratégie : ●●○○ En réflexion');
    expect(lines).toContain('- Étape 1 : vos objectifs pointent vers **Pratiques responsables**');
    expect(lines).toContain('- Étape 3 : fonctions à développer : Dialogue territorial, Gestion d\'un lieu');
    expect(lines).toContain('- Évaluation du partenariat : faite');
    const link = report.flatMap((m) => m.cards).find((card) => card.url?.includes('/bilan/'))!;
    const token = link.url!.split('/bilan/')[1]!;
    // Issued on the conversation's day (TEST_NOW), valid for an hour from then.
    expect(testReportLinks.check(token, TEST_NOW)).toMatchObject({ ok: true, userId: 'user-1' });
    expect(testReportLinks.check(token, new Date(TEST_NOW.getTime() + 2 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });
});
