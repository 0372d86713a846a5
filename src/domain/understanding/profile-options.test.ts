import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { dimensionOptions, readProfileOption } from './profile-options.js';

const vocab = content.ui.understanding;

describe('choices typed in words', () => {
  it('asks which one when two options fit as well, and reads a headcount as a company size', () => {
    const size = (text: string) => {
      const m = readProfileOption(text, dimensionOptions(content, 'entreprise', 'taille'), vocab);
      return m.kind === 'match' ? m.option.id : m.kind;
    };
    expect(size('petite entreprise')).toBe('clarify');
    expect(size('on est 40')).toBe('pme');
    expect(size('PME')).toBe('pme');
    expect(size('3')).toBe('eti');
    const emploi = (text: string) => {
      const m = readProfileOption(text, dimensionOptions(content, 'association', 'emploi'), vocab);
      return m.kind === 'match' ? m.option.id : m.kind;
    };
    expect(emploi('non')).toBe('association-benevole');
    expect(emploi('oui, deux salariés')).toBe('association-employeuse');
  });
});
