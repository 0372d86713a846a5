import { describe, expect, it } from 'vitest';
import { parseDepartement } from './parse-departement.js';

describe('reading answers', () => {
  it('reads French département codes and refuses what is not one', () => {
    const typed: Array<[string, string | undefined]> = [
      ['69', '69'],
      ['1', '01'],
      ['2a', '2A'],
      ['974 La Réunion', '974'],
      ['20', undefined],
      ['96', undefined],
      ['Lyon', undefined],
    ];
    for (const [text, read] of typed) expect(parseDepartement(text), text).toBe(read);
  });
});
