import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateChoices, type ChoiceItem } from '../src/domain/understanding/evaluate-choices.js';
import { content } from './helpers/conversation.js';

describe('npm run eval:choices', () => {
  it('keeps the tune split at the level reached (97.7 %), so that a regression is caught', () => {
    const set = JSON.parse(readFileSync(new URL('./eval/choices.json', import.meta.url), 'utf8')) as { items: ChoiceItem[] };
    const tune = evaluateChoices(set.items.filter((i) => i.split === 'tune'), content);
    expect(tune.total).toBeGreaterThanOrEqual(200);
    expect(tune.right / tune.total).toBeGreaterThanOrEqual(0.97);
  });
});
