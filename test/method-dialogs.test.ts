import { describe, expect, it } from 'vitest';
import { TEST_NOW } from './helpers/clock.js';
import { allText, content, type Conversation, readableText, testReportLinks } from './helpers/conversation.js';
import { flows, playSteps, profile, useConversations, type Step } from './helpers/conversation-table.js';

const chat = useConversations();

/** A new user who has given the profile: a PME (13 unless said), or an employing association of intérêt général (69). */
async function company(c: Conversation, departement = '13') {
  await playSteps(c, profile.company(departement));
}
async function association(c: Conversation, departement = '69') {
  await playSteps(c, profile.association(departement));
}

/** Step 1 with weights for processus, business model, proposition de valeur, positionnement. */
const stepOne = (weights: string[]): Step[] => [{ say: 'méthode' }, { press: /Étape 1/ }, ...weights.map((weight): Step => ({ say: weight }))];

describe('step 1: objectives', () => {
  it('asks the weight of the 4 objectives of the carré magique and shows the blend and the category', async () => {
    const c = await chat.open();
    await company(c);
    await c.say('méthode');
    const intro = await c.press(/^Étape 1/);
    for (const objective of content.method.objectives) expect(readableText(intro).toLowerCase()).toContain(objective.label.toLowerCase());
    expect(readableText(intro)).toContain("celui d'une PME");
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

  it.each(
    flows({
      're-asks impossible weights and refuses four zeros': {
        as: profile.company(),
        steps: [
          { say: 'méthode' },
          { press: /^Étape 1/ },
          { say: '12', reply: /au-delà de l'échelle/ },
          { say: 'patate', reply: /nombre entier de 0/, asks: 'Objectif 1/4' },
          { say: '0' },
          { say: '0/5' },
          { say: '0' },
          { say: '0', reply: /0 aux 4 objectifs/, asks: 'Objectif 1/4', stores: (user) => expect(user.method.objectives).toBeUndefined() },
        ],
      },
      'says when the barycentre is at the centre': {
        as: profile.company(),
        steps: [...stepOne(['3', '3', '3']), { say: '3', reply: /au centre du carré/ }],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('step 2: partnership model', () => {
  const mecenat = content.method.categories.find((x) => x.id === 'mecenat')!;

  it.each(
    flows({
      'starts from the recommended category, asks what tells its models apart, and concludes with the reason': {
        as: [...profile.company(), ...stepOne(['0', '1', '5', '2'])],
        steps: [
          { press: 'Continuer', offersFirst: 'Innovation sociétale (recommandée)' },
          { press: /recommandée/, reply: ['R&D sociétale', 'Banque Postale - ASAD'] },
          {
            press: /Développer un service/,
            reply: [
              /Votre modèle de partenariat : \*\*R&D sociétale\*\*/,
              /Pourquoi : vous avez indiqué « Développer un service ou un produit »/,
              /porte d'entrée habituelle est \*\*Pratiques responsables\*\*/,
              /En phase de déploiement/,
            ],
            stores: { method: { model: { category: 'innovation-societale', model: 'rd-societale' } } },
          },
        ],
      },
      'lets the user pick another category, and explains intérêt général for an association': {
        as: profile.association(),
        steps: [
          { say: 'méthode' },
          { press: /^Étape 2/ },
          { say: 'mecenat', asks: "Dans le partenariat que vous envisagez, qu'est-ce qui domine ?" },
          // Worded from the association's side: the kit speaks from the company's (« l'implication des collaborateurs »).
          { say: 'n’importe quoi', reply: /pas reconnu de réponse/, buttons: mecenat.discriminator.options.map((o) => o.byActor.association!.label) },
          {
            press: /salariés d'entreprise/,
            reply: [/\*\*Engagement actif\*\*/, /modèle d'intérêt général/],
            stores: { method: { model: { category: 'mecenat', model: 'engagement-actif' } } },
          },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('step 3: territorial ecosystem', () => {
  it('presents the 4 functions, asks which are needed, and shows examples nearest first', async () => {
    const c = await chat.open();
    await association(c, '69');
    await c.say('méthode');
    const intro = await c.press(/^Étape 3/);
    expect(readableText(intro)).toMatch(/catalyseur territorial/);
    expect(readableText(intro)).toContain('Paris Est Marne & Bois (94)');
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
  it.each(
    flows({
      'asks the kit’s questions, skips « si oui, comment ? » after a no, re-asks invalid answers and sums up': {
        as: profile.company(),
        steps: [
          { say: 'évaluer un partenariat', reply: /Évaluer votre partenariat/, asks: 'Le partenariat a-t-il eu des effets sur votre organisation interne ?' },
          ...['Oui', 'En partie', 'Non', 'Oui', 'Oui', 'En partie'].map((answer): Step => ({ press: answer })),
          { say: 'bof', reply: /« oui », « en partie », « non » ou « je ne sais pas »/ },
          { say: 'plutôt oui' },
          { press: 'Non' },
          { press: 'Je ne sais pas' },
          { press: 'Non', asks: 'Le choix du mode de partenariat était-il cohérent' },
          { press: 'Oui', asks: /Écrivez votre réponse/ },
          { say: 'x'.repeat(600), reply: /dépasse 500 caractères/ },
          { say: 'Il complète notre politique RSE.' },
          {
            press: 'Oui',
            // The analysis of content/evaluation.json: strengths, points to watch, what to do next.
            reply: [
              /Synthèse de votre évaluation/,
              '**Vos points forts**\n- Des effets sur votre organisation interne.',
              '- Les résultats sont au rendez-vous.',
              '**Vos points de vigilance**\n- Des effets en partie seulement sur le dialogue avec vos parties prenantes externes.',
              "- Pas d'effet sur votre capacité d'innovation.",
              "- Pas d'impact sur l'innovation collective territoriale et/ou sociétale.",
              /Comparez vos résultats aux objectifs .* Écrivez « étape 1 » pour y revenir\./,
            ],
            replyNot: ['Les résultats sont-ils au rendez-vous ? **Oui**', /Revoyez le mode de partenariat/],
            cards: [/Centre de ressources « évaluation partenariale »/, /Référentiel/, /MOOC/],
            offersFirst: 'Mon bilan',
            stores: (user) => expect(Object.keys(user.method.evaluation!.answers)).toHaveLength(13),
          },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('mon parcours', () => {
  it.each(
    flows({
      'shows which steps are done and resumes the next one': {
        as: [...profile.company(), ...stepOne(['1', '1', '1', '4'])],
        steps: [
          { say: 'mon parcours', reply: [/✅ Étape 1 · Objectifs/, /⬜ Étape 2 · Modèle de partenariat/], offersFirst: 'Continuer : Diagnostic des 7 besoins' },
          { press: 'Étape 2 · Modèle de partenariat', reply: /pointent vers \*\*Mécénat\*\*/ },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('pairing two partners', () => {
  it('lets a partner join with a code, shows both barycentres and the common category, and nothing else', async () => {
    const alice = await chat.open({ userId: 'alice' });
    await association(alice, '69');
    await alice.say('diagnostic');
    for (let i = 0; i < 7; i++) await alice.say('2');
    await playSteps(alice, stepOne(['0', '1', '3', '5']));
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
    const c = await chat.open();
    await company(c);
    await c.say('diagnostic');
    for (let i = 0; i < 7; i++) await c.say(i === 1 ? 'passer' : '2');
    await playSteps(c, stepOne(['5', '1', '1', '1']));
    await c.say('méthode');
    await c.press(/Étape 3/);
    for (const answer of [/besoin/, /déjà/, /Pas pour nous/, /besoin/]) await c.press(answer);
    await c.say('évaluation');
    while (!c.user()!.method.evaluation) {
      const open = c.choices().some((x) => x.label === 'Passer cette question');
      await c.press(open ? 'Passer cette question' : 'Non');
    }
    const report = await c.say('mon bilan');
    const lines = allText(report).split('\n');
    expect(lines).toContain('- Comprendre son écosystème : passé');
    expect(lines).toContain('- Définir sa stratégie : ●●○○ En réflexion');
    expect(lines).toContain('- Étape 1 : vos objectifs pointent vers **Pratiques responsables**');
    expect(lines).toContain('- Étape 3 : fonctions à développer : Dialogue territorial, Gestion d\'un lieu');
    expect(lines).toContain('- Évaluation du partenariat : faite, 0 point fort et 12 points de vigilance');
    const link = report.flatMap((m) => m.cards).find((card) => card.url?.includes('/bilan/'))!;
    const token = link.url!.split('/bilan/')[1]!;
    // Issued on the conversation's day (TEST_NOW), valid for an hour from then.
    expect(testReportLinks.check(token, TEST_NOW)).toMatchObject({ ok: true, userId: 'user-1' });
    expect(testReportLinks.check(token, new Date(TEST_NOW.getTime() + 2 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });
});
