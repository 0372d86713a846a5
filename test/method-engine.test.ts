import { describe, expect, it } from 'vitest';
import { carreMagique, commonGround } from '../src/domain/method/carre-magique.js';
import { evaluationQuestions } from '../src/domain/method/evaluation-questions.js';
import { examplesForUser, nearbyExamples } from '../src/domain/method/nearby-examples.js';
import { PairingService } from '../src/services/pairing-service.js';
import { normaliseCode } from '../src/domain/pairing.js';
import { UserStore } from '../src/infra/storage/user-store.js';
import { content } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';

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

describe('evaluation questions', () => {
  it('follows the kit: own performance, ecosystem, the 2 questions, the 3 synthesis questions', () => {
    const questions = evaluationQuestions(content.evaluation);
    expect(questions.filter((q) => q.group === 'synthese')).toHaveLength(3);
    expect(questions.find((q) => q.ifPreviousYes)?.open).toBe(true);
  });
});

describe('pairing invitations', () => {
  it('are single use, expire after 7 days, and cannot be used by their own author', async () => {
    const tmp = tempDir();
    try {
      const pairing = new PairingService(await UserStore.open(tmp.dir, { flushDelayMs: 5 }));
      const monday = new Date('2026-11-23T09:00:00Z');
      const { code } = pairing.createInvite('alice', monday);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(pairing.redeem(code, 'alice', monday)).toEqual({ ok: false, reason: 'own' });
      const later = new Date('2026-12-01T09:00:00Z');
      expect(pairing.redeem(code, 'bob', later)).toEqual({ ok: false, reason: 'expired' });
      const { code: fresh } = pairing.createInvite('alice', monday);
      const typed = `${fresh.slice(0, 4).toLowerCase()} - ${fresh.slice(4)}`;
      expect(normaliseCode(typed)).toBe(fresh);
      expect(pairing.redeem(typed, 'bob', monday)).toMatchObject({ ok: true });
      expect(pairing.redeem(fresh, 'carol', monday)).toEqual({ ok: false, reason: 'used' });
      expect(pairing.partnerOf('alice')).toBe('bob');
      expect(pairing.cancel('bob', monday)).toBe(true);
      expect(pairing.partnerOf('alice')).toBeUndefined();
      expect(pairing.redeem('ZZZZ-ZZZZ', 'bob', monday)).toEqual({ ok: false, reason: 'unknown' });
    } finally {
      tmp.cleanup();
    }
  });
});
