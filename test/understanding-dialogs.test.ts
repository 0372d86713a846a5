import { describe, expect, it } from 'vitest';
import { allText, content } from './helpers/conversation.js';
import { flows, playSteps, useConversations, type Step } from './helpers/conversation-table.js';

const chat = useConversations();
const needs = content.needs;

describe('the profile by typing alone', () => {
  it.each(
    flows({
      'understands « mairie » and « Seine-Saint-Denis », and acknowledges each typed answer': {
        steps: [
          { connect: true },
          { say: 'mairie', reply: /Noté : collectivité territoriale\./ },
          { say: 'Seine-Saint-Denis', reply: /Noté : département \*\*Seine-Saint-Denis\*\* \(93\)/, stores: { profile: { actor: 'collectivite', departement: '93' } } },
        ],
      },
      'reads « non » to « emploie-t-elle des salariés ? », « intérêt général » and a commune': {
        steps: [
          { connect: true },
          { say: 'asso' },
          { say: 'non', reply: /Noté : non, 100 % bénévole\./ },
          { say: 'intérêt général' },
          {
            say: 'Lyon',
            reply: /Lyon, département \*\*Rhône\*\* \(69\)/,
            stores: { profile: { actor: 'association', options: { emploi: 'association-benevole', modele: 'interet-general' }, departement: '69' } },
          },
        ],
      },
      'asks which Saint-Denis, with the candidates as buttons': {
        steps: [
          { connect: true },
          { say: 'fondation' },
          { say: 'Saint-Denis', reply: /Plusieurs communes portent ce nom/ },
          { press: /Saint-Denis \(974\)/, stores: { profile: { departement: '974' } } },
        ],
      },
      'never gives up on the profile: after junk, a short list, and the profile is completed before any recommendation': {
        steps: [
          { connect: true },
          ...Array.from({ length: 4 }, (): Step => ({ say: 'xqwz blorg' })),
          { say: 'xqwz blorg', in: { dialog: 'profile', step: 'actor' }, asks: /voici les réponses possibles/ },
          { say: 'association' },
          // Still in the profile: the diagnosis waits for it.
          { say: 'diagnostic', in: 'profile' },
          { say: 'oui' },
          { say: 'utilité sociale' },
          { say: '13', stores: { profile: { completedAt: expect.any(String) } }, progress: `Besoin 1/${needs.length}` },
        ],
      },
      'resumes a profile left incomplete (by an older version) before recommending anything': {
        steps: [
          { connect: true },
          { say: 'association' },
          { say: 'menu', stores: (user) => expect(user.profile.completedAt).toBeUndefined() },
          { say: 'méthode' },
          { press: /^Étape 1/, reply: /il me manque encore votre profil/, in: { dialog: 'profile', step: 'dimension' } },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});

describe('the diagnosis by typing alone', () => {
  /** A PME of the Rhône, profile given by typing, at the first need of the diagnosis. */
  const company: Step[] = [{ connect: true }, { say: 'entreprise' }, { say: 'PME' }, { say: '69' }, { say: 'diagnostic' }];

  it.each(
    flows({
      'reads « oui tout à fait », « je sais pas », « trois » and « en acton », acknowledging each': {
        as: company,
        steps: [
          { say: 'oui tout à fait', reply: /Noté : 4 · Maîtrisé\./, stores: { diagnosis: { answers: { [needs[0]!.id]: { level: 4 } } } } },
          { say: 'je sais pas', reply: /vous ne savez pas encore/, stores: { diagnosis: { answers: { [needs[1]!.id]: { level: null, unknown: true } } } } },
          { say: 'trois', reply: /Noté : 3 · En action\./ },
          { say: 'en acton', stores: { diagnosis: { answers: { [needs[3]!.id]: { level: 3 } } } } },
        ],
      },
      'treats « je ne sais pas » as a need to explore in the results and in « mon bilan »': {
        as: company,
        steps: [
          { say: 'je ne sais pas' },
          ...needs.slice(1, -1).map((): Step => ({ say: '4' })),
          { say: '4', reply: `**${needs[0]!.title}** (${content.ui.labels.dontKnow})` },
          { say: 'mon bilan', reply: /ne sait pas encore \(à explorer\)/ },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));

  it('ignores a press on the card of an earlier need, saying the question is past', async () => {
    const c = await chat.open();
    await playSteps(c, company);
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
  /** A collectivité of the Seine-Saint-Denis, profile given by typing. */
  const collectivite: Step[] = [{ connect: true }, { say: 'collectivité' }, { say: '93' }];
  const category = (id: string) => content.method.categories.find((x) => x.id === id)!;

  it.each(
    flows({
      'step 1 takes 0 to 10 and words, and explains two close categories side by side': {
        as: collectivite,
        steps: [
          { say: 'méthode' },
          { press: /^Étape 1/ },
          { say: '9', reply: /Noté : les processus, 9\/10\./ },
          { say: 'pas important' },
          { say: 'prioritaire' },
          {
            say: '1',
            reply: [/côte à côte/, category('innovation-societale').covers, category('pratiques-responsables').covers],
            stores: { method: { objectives: { weights: { processus: 9, 'business-model': 0, 'proposition-de-valeur': 10, positionnement: 1 }, max: 10 } } },
          },
        ],
      },
      'step 2 reads a typed description of the project, and words options for a collectivité': {
        as: collectivite,
        steps: [
          { say: 'méthode' },
          { press: /^Étape 2/ },
          { say: 'mécénat', notOffered: [/L'entreprise/] },
          {
            say: 'nos agents veulent faire du mécénat de compétences avec les salariés d’une entreprise',
            reply: /\*\*Engagement actif\*\*/,
            stores: { method: { model: { category: 'mecenat', model: 'engagement-actif' } } },
          },
        ],
      },
    }),
  )('%s', (_name, flow) => chat.play(flow));
});
