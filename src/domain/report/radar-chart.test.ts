import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { carreChart } from './carre-chart.js';
import { radarChart } from './radar-chart.js';
import { CHART_WIDTH, LABEL_SIZE, wrap } from './svg.js';

const viewBoxWidth = (svg: string) => Number(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"/.exec(svg)![1]);

describe('the radar chart', () => {
  const svg = radarChart(
    content.needs.map((n, i) => ({ label: n.shortTitle, value: i === 3 ? null : (i % 4) + 1 })),
    4,
    'Radar',
  );

  it('draws one axis per need with the user’s level, and marks unanswered needs', () => {
    expect(svg.match(/class="spoke"/g)).toHaveLength(7);
    expect(svg).toContain(`<tspan x="`);
    expect(svg).toMatch(new RegExp(`>${content.needs[0]!.shortTitle}</tspan><tspan [^>]*class="axis-level">1/4</tspan>`));
    expect(svg).toMatch(/class="axis-level">—<\/tspan>/);
    expect(svg).toMatch(/<title id="radar-title">Radar<\/title>/);
  });

  it('stays narrow enough for its labels to be 12 px or more on a 320 px screen', () => {
    // The chart's column is 296 px wide there (320 minus the page's margins).
    expect(viewBoxWidth(svg)).toBeLessThanOrEqual(CHART_WIDTH);
    expect((LABEL_SIZE * 296) / viewBoxWidth(svg)).toBeGreaterThanOrEqual(12);
  });

  it('escapes labels so that text can never become markup', () => {
    expect(radarChart([{ label: '<script>x</script>', value: 1 }, { label: 'b', value: 2 }, { label: 'c', value: 3 }], 4, 'T')).not.toContain('<script>');
  });
});

describe('the carré magique chart', () => {
  it('keeps its corner labels above and below the square, within the same width', () => {
    const corners = content.method.objectives.map((o) => ({ objective: o.label, category: content.method.categories.find((c) => c.id === o.category)!.label }));
    const svg = carreChart(corners, [{ label: 'Vous', x: 0.4, y: 0.6, kind: 'me' }], 'Carré');
    expect(viewBoxWidth(svg)).toBe(CHART_WIDTH);
    expect(svg).toMatch(/class="point me"/);
    expect(svg).toContain('La proposition de</tspan>');
  });
});

describe('label lines', () => {
  it('break at spaces and after hyphens, never inside a word', () => {
    expect(wrap('Modèle socio-économique', 12)).toEqual(['Modèle', 'socio-', 'économique']);
    expect(wrap('Faire alliance', 12)).toEqual(['Faire', 'alliance']);
    expect(wrap('La proposition de valeur', 17)).toEqual(['La proposition de', 'valeur']);
    expect(wrap('Innovation', 12)).toEqual(['Innovation']);
  });
});
