import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { examplesForUser, nearbyExamples } from './nearby-examples.js';

describe('inspiring examples near the user', () => {
  it('puts the examples of the user’s département first, then of the region, then the others', () => {
    const placed = nearbyExamples(content.ecosystem.functions, content.territories, '69', ['accompagnements', 'gestion-lieu']);
    expect(placed[0]).toMatchObject({ proximity: 'departement' });
    expect(placed.map((p) => p.example.name).slice(0, 2)).toEqual(expect.arrayContaining(['Ronalpia', 'Cent Sept']));
    const proximities = placed.map((p) => p.proximity);
    expect(proximities.indexOf('ailleurs')).toBeGreaterThan(proximities.lastIndexOf('departement'));
  });

  it('counts a neighbouring département of the same region as near', () => {
    const placed = nearbyExamples(content.ecosystem.functions, content.territories, '01', ['accompagnements']);
    expect(placed[0]).toMatchObject({ proximity: 'region', example: { name: 'Ronalpia', departement: '69' } });
  });

  it('adds nearby examples of other functions after those of the functions needed', () => {
    const { forNeeds, nearbyOthers } = examplesForUser(content.ecosystem.functions, content.territories, '13', ['dialogue-territorial'], 6);
    expect(forNeeds.every((e) => e.functionId === 'dialogue-territorial')).toBe(true);
    expect(nearbyOthers.map((e) => e.example.departement)).toEqual(expect.arrayContaining(['13']));
  });
});
