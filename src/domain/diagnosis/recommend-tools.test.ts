import { describe, expect, it } from 'vitest';
import type { Need, Tool } from '../../content/schemas.js';
import { priorityNeeds, rankNeeds } from './rank-needs.js';
import { recommendTools } from './recommend-tools.js';

const source = ['003_5f7db9ad5808ebbb.txt' as const];
const need = (id: string, order: number): Need => ({ id, order, title: id, shortTitle: id, summary: 's', questions: ['q'], source });
const tool = (id: string, needs: string[], extra: Partial<Tool> = {}): Tool => ({
  id,
  title: id,
  kind: 'guide',
  audience: [],
  fits: [],
  needs,
  steps: [],
  summary: 's',
  source,
  ...extra,
});
const at = '2026-11-23T00:00:00.000Z';
const answers = (levels: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(levels).map(([id, level]) => [id, { level, at }]));

const needs = [need('innovation', 1), need('strategie', 2), need('evaluation', 3)];

describe('recommendTools', () => {
  const tools = [
    tool('guide-general', ['strategie']),
    tool('outil-entreprises', ['evaluation'], { audience: ['entreprise'] }),
    tool('outil-associations', ['evaluation'], { audience: ['association'] }),
    tool('outil-eval-general', ['evaluation']),
    tool('outil-pme', ['evaluation'], { audience: ['entreprise'], fits: ['pme'] }),
  ];
  const ranked = (levels: Record<string, number>) => priorityNeeds(rankNeeds(needs, answers(levels)), 4);

  it('never recommends a tool meant for companies to an association', () => {
    const recs = recommendTools(tools, { actor: 'association', options: {} }, ranked({ evaluation: 1, strategie: 3 }), 4);
    expect(recs.map((r) => r.tool.id)).not.toContain('outil-entreprises');
    expect(recs.map((r) => r.tool.id)).not.toContain('outil-pme');
  });

  it('puts the tool made for the user’s type of actor before the general one for the same need', () => {
    const recs = recommendTools(tools, { actor: 'association', options: {} }, ranked({ evaluation: 1, strategie: 3 }), 4);
    expect(recs[0]).toMatchObject({ tool: { id: 'outil-associations' }, targeted: true });
    expect(recs.map((r) => r.tool.id).indexOf('outil-eval-general')).toBeGreaterThan(0);
  });

  it('prefers the tool that fits the company size when the content says so', () => {
    const recs = recommendTools(tools, { actor: 'entreprise', options: { taille: 'pme' } }, ranked({ evaluation: 2 }), 4);
    expect(recs[0]).toMatchObject({ tool: { id: 'outil-pme' }, fitOption: 'pme' });
  });

  it('ranks tools for the weakest need before tools for a less urgent one', () => {
    const recs = recommendTools(tools, { options: {} }, ranked({ evaluation: 3, strategie: 1 }), 4);
    expect(recs[0]!.tool.id).toBe('guide-general');
  });

  it('puts a practical tool with a link before a study on the same need', () => {
    const recs = recommendTools(
      [tool('etude', ['evaluation'], { kind: 'etude' }), tool('centre', ['evaluation'], { kind: 'centre-de-ressources', url: 'https://example.org/' })],
      { options: {} },
      ranked({ evaluation: 1 }),
      4,
    );
    expect(recs.map((r) => r.tool.id)).toEqual(['centre', 'etude']);
  });

  it('leaves out tools that help none of the priority needs', () => {
    const recs = recommendTools(tools, { actor: 'association', options: {} }, ranked({ strategie: 2 }), 4);
    expect(recs.map((r) => r.tool.id)).toEqual(['guide-general']);
  });
});
