import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { readYesNo } from './read-yes-no.js';

const vocab = content.ui.understanding;

describe('choices typed in words', () => {
  it('reads yes, no and « je ne sais pas » phrasings', () => {
    expect(readYesNo('oui tout à fait', vocab)).toBe('yes');
    expect(readYesNo('pas vraiment', vocab)).toBe('no');
    expect(readYesNo('chais pas', vocab)).toBe('dont-know');
    expect(readYesNo('oui mais pas maintenant', vocab)).toBeUndefined();
  });
});
