import { describe, expect, it } from 'vitest';
import { frenchSpacing } from './french-spacing.js';

describe('French typography', () => {
  it('keeps « guillemets » and the marks : ? ! on the same line as their words', () => {
    expect(frenchSpacing('Le kit « ODD 17 » : quoi ? Oui !')).toBe('Le kit «\u00a0ODD 17\u00a0»\u00a0: quoi\u00a0? Oui\u00a0!');
    expect(frenchSpacing('https://exemple.org/a:b')).toBe('https://exemple.org/a:b');
  });
});
