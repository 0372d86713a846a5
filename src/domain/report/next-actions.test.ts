import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import type { JourneyStep } from '../journey.js';
import type { AnalysisItem } from '../method/evaluation-analysis.js';
import { nextActions } from './next-actions.js';

const steps = (done: number, started = false): JourneyStep[] =>
  (['diagnosis', 'objectifs', 'modele', 'ecosysteme', 'evaluation'] as const).map((id, i) => ({
    id,
    dialog: 'journey',
    status: i < done ? 'done' : i === done && started ? 'started' : 'todo',
  }));
const commandWords = content.ui.commands;
const tools = [{ title: 'Outil A', url: 'https://a.example/' }, { title: 'Outil B' }];
const advice = (step: AnalysisItem['step']): AnalysisItem => ({ angle: 'performance', angleLabel: 'La performance', text: 'Comparez…', words: null, step });

describe('the next actions of a report', () => {
  it('are first the steps not done, each with its link into the chat and the words to type', () => {
    expect(nextActions({ steps: steps(3), paired: false, advice: [], tools, commandWords })).toEqual([
      { kind: 'step', step: 'ecosysteme', status: 'todo', started: true, href: '/?commande=etape-3', words: 'étape 3' },
      { kind: 'step', step: 'evaluation', status: 'todo', started: true, href: '/?commande=evaluation', words: 'évaluation' },
      { kind: 'pairing', href: '/?commande=jumelage', words: 'jumelage' },
    ]);
  });

  it('say a diagnosis under way is to finish, and start with it for a new user', () => {
    expect(nextActions({ steps: steps(0, true), paired: false, advice: [], tools, commandWords })[0]).toMatchObject({ step: 'diagnosis', status: 'started', words: 'diagnostic' });
    expect(nextActions({ steps: steps(0), paired: false, advice: [], tools, commandWords }).map((a) => a.kind === 'step' && a.started)).toEqual([false, false, false]);
  });

  it('after a whole journey, go back to the steps the evaluation points to, once each, then to tools', () => {
    const actions = nextActions({ steps: steps(5), paired: true, advice: [advice(null), advice('objectifs'), advice('objectifs')], tools, commandWords });
    expect(actions).toEqual([
      { kind: 'revisit', step: 'objectifs', angleLabel: 'La performance', href: '/?commande=etape-1', words: 'étape 1' },
      { kind: 'tool', title: 'Outil A', url: 'https://a.example/', reason: null },
      { kind: 'tool', title: 'Outil B', url: null, reason: null },
    ]);
  });
});
