import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { shapeTemplateLines } from './template-lines.js';

const render = (source: string, vars: Record<string, unknown> = {}) => new nunjucks.Environment(null, { autoescape: false }).renderString(shapeTemplateLines(source), vars);

describe('template lines: each line of text ends where the template ends it', () => {
  it('keeps the newline of a line of text that ends with a block tag (« bilan.Et pour avancer » no more)', () => {
    const source = 'Votre bilan{% if more %} complet{% endif %}.\nEt pour avancer : …';
    expect(render(source, { more: true })).toBe('Votre bilan complet.\nEt pour avancer : …');
  });

  it('drops a line that holds only tags, newline included', () => {
    expect(render('{% set x = 3 %}\nTrois : {{ x }}\n{# a comment #}\nFin')).toBe('Trois : 3\nFin');
  });

  it('drops a line wrapped whole in a block when the block says nothing, and keeps it with its newline otherwise', () => {
    const source = 'Inscrit.\n{% if next %}Prochain message : {{ next }}.{% endif %}\nQue voulez-vous faire ?';
    expect(render(source, { next: 'jeudi 3 décembre' })).toBe('Inscrit.\nProchain message : jeudi 3 décembre.\nQue voulez-vous faire ?');
    expect(render(source, { next: '' })).toBe('Inscrit.\nQue voulez-vous faire ?');
  });

  it('keeps the newline outside a whole-line block that has an else (it always says something)', () => {
    const source = '{% if n > 0 %}{{ n }} outils.{% else %}Aucun outil.{% endif %}\nSuite';
    expect(render(source, { n: 2 })).toBe('2 outils.\nSuite');
    expect(render(source, { n: 0 })).toBe('Aucun outil.\nSuite');
  });

  it('does not take two blocks on one line for one block', () => {
    const source = '{% if a %}A{% endif %} et {% if b %}B{% endif %}\nSuite';
    expect(render(source, { a: true, b: false })).toBe('A et \nSuite');
  });

  it('renders multi-line loops as before', () => {
    const source = 'Outils :\n{% for t in tools %}\n- {{ t }}\n{% endfor %}\nFin';
    expect(render(source, { tools: ['a', 'b'] })).toBe('Outils :\n- a\n- b\nFin');
  });
});
