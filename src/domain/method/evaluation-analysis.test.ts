import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { checkEvaluationAnalysis } from './check-evaluation-analysis.js';
import { evaluationAnalysis } from './evaluation-analysis.js';
import { evaluationQuestions, SKIPPED_ANSWER } from './evaluation-questions.js';

const analyse = (answers: Record<string, string>) => evaluationAnalysis(content.evaluation, content.ui.answers.evaluation, content.tools, answers);

/** Every closed question answered `answer`, the open ones in the user's words (or skipped). */
function all(answer: string, words: string | null = 'Nous avons appris à travailler ensemble.') {
  return Object.fromEntries(evaluationQuestions(content.evaluation).map((q) => [q.id, q.open ? (words ?? SKIPPED_ANSWER) : answer]));
}

describe('the analysis of an evaluation', () => {
  it('turns yes into strengths under the kit’s angles, quoting the user’s own words', () => {
    const a = analyse(all('yes'));
    expect(a.watch).toEqual([]);
    expect(a.strengths.map((s) => s.text)).toEqual(
      expect.arrayContaining([
        'Des effets sur votre organisation interne.',
        'Les résultats sont au rendez-vous.',
        "Un impact sur la performance d'autres acteurs de l'écosystème.",
        'Le choix du mode de partenariat était cohérent avec le chemin réalisé.',
      ]),
    );
    expect(a.strengths.find((s) => s.words)).toMatchObject({ text: 'Comment, selon vous :', words: 'Nous avons appris à travailler ensemble.', angleLabel: 'La pertinence' });
    expect(new Set(a.strengths.map((s) => s.angle))).toEqual(new Set(['performance', 'pertinence', 'coherence']));
    // Even when all is well, the kit's closing advice, and the evaluation's resources.
    expect(a.advice.map((x) => x.text)).toEqual([expect.stringMatching(/^Pour valoriser les résultats/)]);
    expect(a.tools.map((t) => t.tool.id)).toContain('centre-ressources-evaluation-partenariale');
  });

  it('turns no, partly and « je ne sais pas » into points to watch, and gives each advice once with its step', () => {
    const a = analyse({ ...all('no', null), 'effets-2': 'partly', 'effets-3': 'unknown' });
    expect(a.strengths).toEqual([]);
    expect(a.watch.map((w) => w.text)).toEqual(
      expect.arrayContaining([
        "Pas d'effet sur votre organisation interne.",
        'Des effets en partie seulement sur le dialogue avec vos parties prenantes externes.',
        "Pas encore d'avis sur les effets sur votre capacité d'innovation : ils restent à mesurer.",
        'La place de ce chemin parmi vos autres actions reste à situer.',
      ]),
    );
    const advice = a.advice.map((x) => [x.step, x.text.slice(0, 20)]);
    expect(advice).toEqual([
      [null, 'Pour valoriser les r'],
      ['objectifs', 'Comparez vos résulta'],
      ['ecosysteme', 'Partagez avec votre '],
      ['modele', 'Revoyez le mode de p'],
      [null, 'Analysez la double c'],
      ['diagnosis', 'Revenez aux besoins '],
    ]);
    expect(a.tools.find((t) => t.tool.id === 'centre-ressources-evaluation-partenariale')?.angles).toEqual(['La performance', 'La pertinence', 'La cohérence']);
  });

  it('says nothing of questions not answered (a « si oui, comment ? » after a no)', () => {
    const a = analyse({ 'effets-1': 'yes' });
    expect(a.strengths.map((s) => s.text)).toEqual(['Des effets sur votre organisation interne.']);
    expect(a.watch).toEqual([]);
    expect(a.advice).toEqual([]);
  });
});

describe('the rules of the analysis in the content', () => {
  it('name questions, answers, angles and tools that exist', () => {
    expect(checkEvaluationAnalysis(content)).toEqual([]);
  });

  it('are refused when they name a question, an answer or a tool that does not exist', () => {
    const rule = content.evaluation.analysis.rules[0]!;
    const broken = {
      ...content,
      evaluation: {
        ...content.evaluation,
        analysis: { rules: [{ ...rule, questions: ['effets-9', 'recul-2'], answers: ['yes'], tools: ['nope'], angle: 'beaute' }] },
      },
    };
    expect(checkEvaluationAnalysis(broken).map((p) => p.message)).toEqual([
      'angle inconnu « beaute »',
      'outil inconnu « nope »',
      expect.stringMatching(/^question inconnue « effets-9 »/),
      expect.stringMatching(/^réponse « yes » impossible à la question « recul-2 »/),
    ]);
  });
});
