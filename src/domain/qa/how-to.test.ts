import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { howToWords } from './how-to.js';

const { search } = content;

describe('reading a typed message: question, context, what is asked for', () => {
  it('tells how-to questions by their markers or « comment » and a verb, not « comment … ont évolué »', () => {
    expect(howToWords('on s’y prend comment pour monter un partenariat ?', search.howTo.markers)).toBeDefined();
    expect(howToWords('comment évaluer un partenariat ?', search.howTo.markers)).toBeDefined();
    expect(howToWords('les relations ont évolué comment ?', search.howTo.markers)).toBeUndefined();
  });
});
