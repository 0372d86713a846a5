import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { matchChoice, matchScaleLevel } from './match-answer.js';

describe('reading answers', () => {
  it('reads a self-assessment level from buttons, digits, labels and everyday phrasings', () => {
    const s = content.scale;
    expect(matchScaleLevel({ text: '3 · En action', value: 'level:3' }, s)).toBe(3);
    expect(matchScaleLevel({ text: '2' }, s)).toBe(2);
    expect(matchScaleLevel({ text: '2/4' }, s)).toBe(2);
    expect(matchScaleLevel({ text: 'niveau 4' }, s)).toBe(4);
    expect(matchScaleLevel({ text: 'Plutôt OUI !' }, s)).toBe(3);
    expect(matchScaleLevel({ text: 'plutot non' }, s)).toBe(2);
    expect(matchScaleLevel({ text: 'en réflexion' }, s)).toBe(2);
    expect(matchScaleLevel({ text: '5' }, s)).toBeUndefined();
    expect(matchScaleLevel({ text: 'peut-être demain' }, s)).toBeUndefined();
  });

  it('matches a choice by button value, by its label typed without accents, or by its number', () => {
    const choices = [
      { label: 'Collectivité territoriale', value: 'actor:collectivite' },
      { label: 'Entreprise', value: 'actor:entreprise' },
    ];
    expect(matchChoice({ text: 'x', value: 'actor:entreprise' }, choices)?.value).toBe('actor:entreprise');
    expect(matchChoice({ text: 'collectivite territoriale' }, choices)?.value).toBe('actor:collectivite');
    expect(matchChoice({ text: '2' }, choices, { numbered: true })?.value).toBe('actor:entreprise');
    expect(matchChoice({ text: '2' }, choices)).toBeUndefined();
    expect(matchChoice({ text: '9' }, choices, { numbered: true })).toBeUndefined();
  });
});
