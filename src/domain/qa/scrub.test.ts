import { describe, expect, it } from 'vitest';
import { scrub } from './scrub.js';

/** What a content author may read of a question nobody could answer: the question, not its author. */
describe('scrub: a logged question keeps its words, not who asked', () => {
  it.each([
    ['appelez-moi au +33 (0)6 12 34 56 78 svp', 'appelez-moi au [téléphone] svp'],
    ['06.12.34.56.78, 0612345678 ou 0033 6 12 34 56 78', '[téléphone], [téléphone] ou [téléphone]'],
    ['mon fixe : 01-23-45-67-89', 'mon fixe : [téléphone]'],
    ['je suis au 12 bis rue de la Paix, 75002 Paris, que faire ?', 'je suis au [adresse], [adresse], que faire ?'],
    ['Nous sommes au 3 avenue Jean Jaurès à Lyon', 'Nous sommes au [adresse]'],
    ["Je m'appelle Jean Dupont et je dirige une asso", "Je m'appelle [nom] et je dirige une asso"],
    ['contactez Mme Martin à BP 123', 'contactez Mme [nom] à [adresse]'],
    ['mon siret 123 456 789 00012', 'mon siret [nombre]'],
    ['écrire à jean.dupont@exemple.fr ou www.exemple.fr', 'écrire à [e-mail] ou [lien]'],
  ])('« %s »', (typed, kept) => {
    expect(scrub(typed)).toBe(kept);
  });

  it.each([
    "c'est quoi un PTCE en Seine-Saint-Denis ?",
    'quel outil pour la mesure 18 dans le 93 ?',
    'combien de partenariats en 2019 ? 2 000 associations ?',
    'Le RAMEAU et la Caisse des Dépôts, quel rôle ?',
  ])('keeps « %s » as it is', (typed) => {
    expect(scrub(typed)).toBe(typed);
  });
});
