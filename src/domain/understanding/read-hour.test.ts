import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { readHour } from './read-hour.js';

const vocab = content.ui.understanding;

describe('choices typed in words', () => {
  it('reads hours', () => {
    expect(readHour('5 h du soir', vocab)).toBe(17);
    expect(readHour('midi', vocab)).toBe(12);
    expect(readHour('le matin', vocab)).toBeUndefined();
  });
});
