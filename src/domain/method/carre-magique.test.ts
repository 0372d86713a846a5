import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { carreMagique, commonGround } from './carre-magique.js';

const objectives = content.method.objectives;
const w = (processus: number, businessModel: number, proposition: number, positionnement: number) => ({
  processus,
  'business-model': businessModel,
  'proposition-de-valeur': proposition,
  positionnement,
});

describe('carré magique: barycentre and category', () => {
  it('puts all the weight on one objective in its corner and follows the kit’s rule for each corner', () => {
    const expected = {
      processus: 'pratiques-responsables',
      'business-model': 'cooperation-economique',
      'proposition-de-valeur': 'innovation-societale',
      positionnement: 'mecenat',
    } as const;
    const points = new Set<string>();
    for (const [objective, category] of Object.entries(expected)) {
      const result = carreMagique(objectives, { [objective]: 5 });
      expect(result.recommended).toBe(category);
      expect(result.shares[0]).toMatchObject({ objective, share: 1 });
      expect(Math.abs(result.point.x)).toBe(1);
      expect(Math.abs(result.point.y)).toBe(1);
      points.add(`${result.point.x},${result.point.y}`);
    }
    expect(points.size).toBe(4);
  });

  it('finds the centre when the 4 objectives weigh the same, and says no category dominates', () => {
    const result = carreMagique(objectives, w(3, 3, 3, 3));
    expect(result.point).toEqual({ x: 0, y: 0 });
    expect(result.centred).toBe(true);
    expect(result.leaders).toHaveLength(4);
  });

  it('reports a tie between two leaders and recommends the first in the kit’s order', () => {
    const result = carreMagique(objectives, w(0, 4, 4, 1));
    expect(result.leaders).toEqual(['cooperation-economique', 'innovation-societale']);
    expect(result.recommended).toBe('cooperation-economique');
    expect(result.close).toBe(false);
  });

  it('says when the runner-up is close to the winner, and gives percentages that add up to 100', () => {
    const close = carreMagique(objectives, w(1, 2, 5, 4));
    expect(close.recommended).toBe('innovation-societale');
    expect(close.close).toBe(true);
    expect(close.shares.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1);
    expect(carreMagique(objectives, w(0, 1, 5, 1)).close).toBe(false);
  });

  it('refuses weights that are all zero', () => {
    expect(() => carreMagique(objectives, w(0, 0, 0, 0))).toThrow(RangeError);
  });

  it('finds the common ground of two partners: same leader, or the category they share most', () => {
    const association = carreMagique(objectives, w(0, 1, 3, 5));
    const company = carreMagique(objectives, w(2, 1, 5, 2));
    const ground = commonGround(association, company);
    expect(ground.sameLeader).toBe(false);
    expect(ground.sharedCategory).toBe('innovation-societale');
    expect(ground.diverge).toContain('mecenat');
    expect(commonGround(company, company)).toMatchObject({ sameLeader: true, distance: 0 });
  });
});
