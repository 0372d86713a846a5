import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { readWeight } from './read-weight.js';

const vocab = content.ui.understanding;

describe('choices typed in words', () => {
  it('reads weights from 0 to 10 in figures or words', () => {
    const weight = (text: string) => readWeight(text, 10, content.method.weightWords, vocab);
    expect(weight('9')).toEqual({ kind: 'weight', weight: 9 });
    expect(weight('3/5')).toEqual({ kind: 'weight', weight: 6 });
    expect(weight('pas important')).toEqual({ kind: 'weight', weight: 0 });
    expect(weight('prioritaire')).toEqual({ kind: 'weight', weight: 10 });
    expect(weight('12')).toEqual({ kind: 'out-of-range', typed: 12 });
  });
});
