import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { nearbyDepartements, readDepartement } from './departements.js';

describe('départements from the official découpage administratif', () => {
  const code = (text: string) => {
    const r = readDepartement(text, content.territories);
    return r.kind === 'match' ? r.place.code : r.kind;
  };

  it('finds a département by code, name, commune or postcode, and asks between notable homonyms', () => {
    const typed: Array<[string, string]> = [
      ['69', '69'],
      ['Rhône', '69'],
      ['Lyon', '69'],
      ['seine st denis', '93'],
      ['Montreuil', '93'],
      ['75011', '75'],
      ['j’habite à Rennes', '35'],
      ['Saint-Denis', 'clarify'],
      ['Bretagne', 'clarify'],
      ['Atlantide', 'none'],
    ];
    for (const [text, read] of typed) expect(code(text), text).toBe(read);
  });

  it('gives the neighbours of a département', () => {
    expect(nearbyDepartements('93', content.territories).sort()).toEqual(['75', '77', '92', '94', '95']);
    expect(nearbyDepartements('974', content.territories)).toEqual([]);
  });
});
