import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { readLevel } from './read-level.js';

const vocab = content.ui.understanding;

describe('choices typed in words', () => {
  it('reads levels in words', () => {
    const level = (text: string) => {
      const r = readLevel(text, content.scale, vocab);
      return r.kind === 'match' ? r.option.value : r.kind;
    };
    expect(level('oui tout à fait')).toBe(4);
    expect(level('trois')).toBe(3);
    expect(level('en acton')).toBe(3);
    expect(level('2/4')).toBe(2);
    expect(level('je sais pas')).toBe('dont-know');
    expect(level('7')).toBe('none');
  });
});
