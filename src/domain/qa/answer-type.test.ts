import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { askedFor, holdsAnswer, yearsIn } from './answer-type.js';

const { search } = content;

describe('reading a typed message: question, context, what is asked for', () => {
  it('says what kind of information is asked for, and whether a text holds it', () => {
    expect(askedFor('combien d’associations en France ?', search.answerTypes)).toEqual({ types: ['number'], counted: 'associations' });
    expect(askedFor('par où commencer quand on veut faire alliance ?', search.answerTypes).types).toEqual([]);
    expect(askedFor('quel est le budget du Fonds ODD 17 ?', search.answerTypes).types).toContain('amount');
    const counted = { matches: (w: string) => w.toLowerCase().startsWith('associ') };
    expect(holdsAnswer('number', '1,5 million d’associations en France', counted)).toBe(true);
    expect(holdsAnswer('number', 'Les associations de PACA, depuis 2010, sont 84 % à…', { matches: (w) => w === 'PTCE' })).toBe(false);
    expect(holdsAnswer('amount', 'Le Fonds expérimente sur 3 ans (2020-2022)')).toBe(false);
    expect(holdsAnswer('amount', '113 Md€ de budget annuel')).toBe(true);
    expect(yearsIn('signés en 2024 ? et 2023-2027')).toEqual(['2024', '2023', '2027']);
  });
});
