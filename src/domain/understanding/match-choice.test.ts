import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { matchChoice } from './match-choice.js';
import { actorOptions } from './profile-options.js';

const vocab = content.ui.understanding;
const actor = (text: string) => {
  const m = matchChoice({ text }, actorOptions(content), vocab, { numbered: true });
  return m.kind === 'match' ? m.option.id : m.kind;
};

describe('choices typed in words', () => {
  it('reads a label, a synonym from content, a number, an ordinal or a typo', () => {
    const typed: Array<[string, string]> = [
      ['mairie', 'collectivite'],
      ['la commune', 'collectivite'],
      ['collectivité', 'collectivite'],
      ['asociation', 'association'],
      ['2', 'entreprise'],
      ['le deuxième', 'entreprise'],
      ['le dernier', content.actors.at(-1)!.id],
      ['12', 'none'],
      ['un vélo rouge', 'none'],
    ];
    for (const [text, read] of typed) expect(actor(text), text).toBe(read);
  });
});
