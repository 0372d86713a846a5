import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { checkTerritories } from './check-territories.js';

describe('départements from the official découpage administratif', () => {
  it('content:check refuses a border listed on one side only', () => {
    const territories = structuredClone(content.territories);
    territories.neighbours['69'] = [...territories.neighbours['69']!, '13'];
    const problems = checkTerritories(territories);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'territories.json', path: '$.neighbours.13' }));
  });
});
