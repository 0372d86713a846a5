import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { radarChart } from './radar-chart.js';

describe('the radar chart', () => {
  it('draws one axis per need with the user’s level, and marks unanswered needs', () => {
    const svg = radarChart(
      content.needs.map((n, i) => ({ label: n.shortTitle, value: i === 3 ? null : (i % 4) + 1 })),
      4,
      'Radar',
    );
    expect(svg.match(/class="spoke"/g)).toHaveLength(7);
    expect(svg).toContain(`${content.needs[3]!.shortTitle} (—)`);
    expect(svg).toContain(`${content.needs[0]!.shortTitle} (1/4)`);
    expect(svg).toMatch(/<title id="radar-title">Radar<\/title>/);
  });

  it('escapes labels so that text can never become markup', () => {
    expect(radarChart([{ label: '<script>x</script>', value: 1 }, { label: 'b', value: 2 }, { label: 'c', value: 3 }], 4, 'T')).not.toContain('<script>');
  });
});
