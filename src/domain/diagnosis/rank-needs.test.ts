import { describe, expect, it } from 'vitest';
import type { Need } from '../../content/schemas.js';
import { priorityNeeds, rankNeeds } from './rank-needs.js';

const source = ['003_5f7db9ad5808ebbb.txt' as const];
const need = (id: string, order: number): Need => ({ id, order, title: id, shortTitle: id, summary: 's', questions: ['q'], source });
const at = '2026-11-23T00:00:00.000Z';
const answers = (levels: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(levels).map(([id, level]) => [id, { level, at }]));

const needs = [need('innovation', 1), need('strategie', 2), need('evaluation', 3)];

describe('rankNeeds and priorityNeeds', () => {
  it('puts the least advanced need first and breaks ties by the order of the kit', () => {
    const ranked = rankNeeds(needs, answers({ evaluation: 1, strategie: 1, innovation: 3 }));
    expect(ranked.map((r) => r.need.id)).toEqual(['strategie', 'evaluation', 'innovation']);
  });

  it('leaves skipped needs out and does not call a need at the top of the scale a priority', () => {
    const ranked = rankNeeds(needs, answers({ innovation: null, strategie: 4, evaluation: 2 }));
    expect(ranked.map((r) => r.need.id)).toEqual(['evaluation', 'strategie']);
    expect(priorityNeeds(ranked, 4).map((r) => r.need.id)).toEqual(['evaluation']);
  });
});
