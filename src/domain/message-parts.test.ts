import { describe, expect, it } from 'vitest';
import { fitToBudget, shapeMessages } from './message-parts.js';
import { message } from './out-message.js';

describe('shapeMessages: how a template cuts what it says', () => {
  it('makes one bubble per [[bulle]], the buttons and progress going with the last one (the question)', () => {
    const choices = [{ label: 'Oui', value: 'yes' }];
    const out = shapeMessages([message('**Besoin 1/7**\n\nRésumé.\n[[bulle]]\nOù en êtes-vous ?', { choices, progress: { label: 'Diagnostic', position: 1, total: 7 } })]);
    expect(out.map((m) => m.text)).toEqual(['**Besoin 1/7**\n\nRésumé.', 'Où en êtes-vous ?']);
    expect(out[0]!.choices).toEqual([]);
    expect(out[1]!.choices).toEqual(choices);
    expect(out[1]!.progress?.position).toBe(1);
    expect(out[0]!.progress).toBeUndefined();
  });

  it('moves what follows [[suite : label]] into the bubble’s detail, behind that label', () => {
    const [m] = shapeMessages([message('Court.\n[[suite : Les Jeudis]]\nLong texte.')]);
    expect(m).toMatchObject({ text: 'Court.', detail: 'Long texte.', detailLabel: 'Les Jeudis' });
  });

  it('returns a message without markers as it is', () => {
    const m = message('Bonjour.');
    expect(shapeMessages([m])[0]).toBe(m);
  });
});

describe('fitToBudget: an answer longer than a bubble', () => {
  const sentence = (n: number) => `Mot${' mot'.repeat(n - 1)}.`;

  it('keeps the heading and the first sentences of the paragraph that does not fit, the rest in the detail', () => {
    const text = `**Titre**\n\n${sentence(30)} ${sentence(60)}\n\nAutre paragraphe.`;
    const m = fitToBudget(message(text), 200);
    expect(m.text).toBe(`**Titre**\n\n${sentence(30)}`);
    expect(m.detail).toBe(`${sentence(60)}\n\nAutre paragraphe.`);
    expect(m.text.length).toBeLessThanOrEqual(200);
  });

  it('cuts a first sentence too long for the bubble at a word, with « … » on both sides of the cut', () => {
    const m = fitToBudget(message(`**Titre**\n\n${sentence(100)}`), 200);
    expect(m.text.length).toBeLessThanOrEqual(200);
    expect(m.text).toMatch(/^\*\*Titre\*\*\n\nMot( mot)+…$/);
    expect(m.detail).toMatch(/^…mot/);
    // Nothing is lost: the words shown and the words unfolded make the paragraph.
    expect(`${m.text.slice(11, -1)} ${m.detail!.slice(1)}`.split(' ').length).toBe(100);
  });

  it('leaves a short message alone, and keeps a detail it already had after the moved text', () => {
    const short = message('Court.');
    expect(fitToBudget(short, 200)).toBe(short);
    const m = fitToBudget(message(`${sentence(20)}\n\n${sentence(60)}`, { detail: 'Source.' }), 120);
    expect(m.detail).toBe(`${sentence(60)}\n\nSource.`);
  });
});
