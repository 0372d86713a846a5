import { describe, expect, it } from 'vitest';
import type { Need, Tool } from '../src/content/schemas.js';
import { diagnosisResults } from '../src/domain/diagnosis/diagnosis-results.js';
import { matchChoice, matchScaleLevel } from '../src/domain/diagnosis/match-answer.js';
import { parseDepartement } from '../src/domain/diagnosis/parse-departement.js';
import { frenchSpacing } from '../src/text/french-spacing.js';
import { priorityNeeds, rankNeeds } from '../src/domain/diagnosis/rank-needs.js';
import { recommendTools } from '../src/domain/diagnosis/recommend-tools.js';
import { content } from './helpers/conversation.js';

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

describe('reading answers', () => {
  it('reads a self-assessment level from buttons, digits, labels and everyday phrasings', () => {
    const s = content.scale;
    expect(matchScaleLevel({ text: '3 · En action', value: 'level:3' }, s)).toBe(3);
    expect(matchScaleLevel({ text: '2' }, s)).toBe(2);
    expect(matchScaleLevel({ text: '2/4' }, s)).toBe(2);
    expect(matchScaleLevel({ text: 'niveau 4' }, s)).toBe(4);
    expect(matchScaleLevel({ text: 'Plutôt OUI !' }, s)).toBe(3);
    expect(matchScaleLevel({ text: 'plutot non' }, s)).toBe(2);
    expect(matchScaleLevel({ text: 'en réflexion' }, s)).toBe(2);
    expect(matchScaleLevel({ text: '5' }, s)).toBeUndefined();
    expect(matchScaleLevel({ text: 'peut-être demain' }, s)).toBeUndefined();
  });

  it('matches a choice by button value, by its label typed without accents, or by its number', () => {
    const choices = [
      { label: 'Collectivité territoriale', value: 'actor:collectivite' },
      { label: 'Entreprise', value: 'actor:entreprise' },
    ];
    expect(matchChoice({ text: 'x', value: 'actor:entreprise' }, choices)?.value).toBe('actor:entreprise');
    expect(matchChoice({ text: 'collectivite territoriale' }, choices)?.value).toBe('actor:collectivite');
    expect(matchChoice({ text: '2' }, choices, { numbered: true })?.value).toBe('actor:entreprise');
    expect(matchChoice({ text: '2' }, choices)).toBeUndefined();
    expect(matchChoice({ text: '9' }, choices, { numbered: true })).toBeUndefined();
  });

  it('reads French département codes and refuses what is not one', () => {
    expect(parseDepartement('69')).toBe('69');
    expect(parseDepartement('1')).toBe('01');
    expect(parseDepartement('2a')).toBe('2A');
    expect(parseDepartement('974 La Réunion')).toBe('974');
    expect(parseDepartement('20')).toBeUndefined();
    expect(parseDepartement('96')).toBeUndefined();
    expect(parseDepartement('Lyon')).toBeUndefined();
  });
});

describe('French typography', () => {
  it('keeps « guillemets » and the marks : ? ! on the same line as their words', () => {
    expect(frenchSpacing('Le kit « ODD 17 » : quoi ? Oui !')).toBe('Le kit «\u00a0ODD 17\u00a0»\u00a0: quoi\u00a0? Oui\u00a0!');
    expect(frenchSpacing('https://exemple.org/a:b')).toBe('https://exemple.org/a:b');
  });
});
