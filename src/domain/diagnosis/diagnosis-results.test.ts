import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { diagnosisResults } from './diagnosis-results.js';

const at = '2026-11-23T00:00:00.000Z';
const answers = (levels: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(levels).map(([id, level]) => [id, { level, at }]));

describe('diagnosisResults over the real content store', () => {
  it('recommends the evaluation resource centre and the MOOC to an association weak on evaluation', () => {
    const levels = Object.fromEntries(content.needs.map((n) => [n.id, n.id === 'evaluer-pertinence' ? 1 : 3]));
    const results = diagnosisResults(content, { actor: 'association', options: { emploi: 'association-employeuse' } }, { answers: answers(levels) });
    expect(results.mode).toBe('weak');
    expect(results.priorities[0]!.need.id).toBe('evaluer-pertinence');
    const top = results.recommendations.slice(0, 5);
    expect(top.length).toBeGreaterThanOrEqual(3);
    expect(top[0]!.needs[0]!.need.id).toBe('evaluer-pertinence');
    expect(top.map((r) => r.tool.id)).toEqual(
      expect.arrayContaining(['centre-ressources-evaluation-partenariale', 'mooc-partenariats-qui-changent-le-monde']),
    );
    expect(top.map((r) => r.tool.id)).not.toContain('autodiagnostic-rse-partenariats');
  });

  it('offers the « RSE & partenariats » 360° to a company and « Stratégie partenariale » to an association weak on strategy', () => {
    const levels = Object.fromEntries(content.needs.map((n) => [n.id, n.id === 'strategie' ? 1 : 4]));
    const forCompany = diagnosisResults(content, { actor: 'entreprise', options: {} }, { answers: answers(levels) });
    const forAssociation = diagnosisResults(content, { actor: 'association', options: {} }, { answers: answers(levels) });
    expect(forCompany.recommendations.slice(0, 5).map((r) => r.tool.id)).toContain('autodiagnostic-rse-partenariats');
    expect(forAssociation.recommendations.slice(0, 5).map((r) => r.tool.id)).toContain('autodiagnostic-strategie-partenariale');
  });

  it('still proposes tools when every need was skipped', () => {
    const levels = Object.fromEntries(content.needs.map((n) => [n.id, null]));
    const results = diagnosisResults(content, { actor: 'fondation', options: {} }, { answers: answers(levels) });
    expect(results.mode).toBe('skipped');
    expect(results.recommendations.length).toBeGreaterThanOrEqual(3);
  });
});
