import { describe, expect, it } from 'vitest';
import { splitLead } from './sentences.js';

describe('splitLead: a long paragraph cut for the message budget', () => {
  it('keeps the first whole sentences within the limit, the rest apart', () => {
    expect(splitLead('Une phrase. Deux phrases ici. « Trois » encore.', 30)).toEqual(['Une phrase. Deux phrases ici.', '« Trois » encore.']);
  });

  it('leaves a short text whole', () => {
    expect(splitLead('Courte.', 50)).toEqual(['Courte.', '']);
  });

  it('cuts a first sentence too long at a « ; », else keeps it whole', () => {
    expect(splitLead('Un levier pour les associations ; une capacité pour les entreprises ; une solution.', 40)).toEqual([
      'Un levier pour les associations ;',
      'une capacité pour les entreprises ; une solution.',
    ]);
    expect(splitLead('Une seule phrase bien trop longue pour la limite. Puis une autre.', 10)).toEqual(['Une seule phrase bien trop longue pour la limite.', 'Puis une autre.']);
    expect(splitLead('Une seule phrase sans fin', 5)).toEqual(['Une seule phrase sans fin', '']);
  });
});
