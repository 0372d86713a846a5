import type { Content } from '../../../content/content.js';
import { doc, type KnowledgeDoc } from '../knowledge-docs.js';

/**
 * evaluation.json: the 3 angles, the effects on one's own performance and on the ecosystem, the
 * 2 questions, the 3 synthesis questions and the 3 impacts. The parts that have no title in the
 * content are titled by the template `qa/title` (their id stands in here); their names are in
 * `search.json` (aliases).
 */
export function evaluationDocs(content: Content): KnowledgeDoc[] {
  const { evaluation } = content;
  const angles = evaluation.angles.map((a) => a.label);
  const docs: KnowledgeDoc[] = [
    doc({ id: 'evaluation:intro', kind: 'evaluation', title: 'evaluation:intro', text: evaluation.intro.text, source: evaluation.intro.source, next: 'evaluation' }),
  ];
  for (const a of evaluation.angles) {
    docs.push(
      doc({
        id: `angle:${a.id}`,
        kind: 'angle',
        title: a.label,
        text: a.definition,
        extra: ['évaluation partenariale', 'angle'],
        detail: { angles, count: angles.length },
        source: a.source,
        related: ['faq:evaluation-partenariale'],
        next: 'evaluation',
      }),
    );
  }
  const { ownPerformance, ecosystemImpacts, twoQuestions, synthesisQuestions } = evaluation;
  docs.push(
    doc({
      id: 'evaluation:own-performance',
      kind: 'evaluation',
      title: 'evaluation:own-performance',
      text: ownPerformance.text,
      extra: ownPerformance.effects,
      questions: ownPerformance.questions,
      detail: { questions: ownPerformance.questions },
      source: ownPerformance.source,
      related: ['faq:carre-magique', 'faq:evaluation-partenariale'],
      next: 'evaluation',
    }),
    doc({
      id: 'evaluation:ecosystem',
      kind: 'evaluation',
      title: 'evaluation:ecosystem',
      text: ecosystemImpacts.text,
      questions: ecosystemImpacts.questions,
      detail: { questions: ecosystemImpacts.questions },
      source: ecosystemImpacts.source,
      related: ['faq:evaluation-partenariale'],
      next: 'evaluation',
    }),
    doc({
      id: 'evaluation:two-questions',
      kind: 'evaluation',
      title: 'evaluation:two-questions',
      text: twoQuestions.text,
      questions: twoQuestions.questions,
      detail: { questions: twoQuestions.questions },
      source: twoQuestions.source,
      related: ['faq:evaluation-partenariale'],
      next: 'evaluation',
    }),
    doc({
      id: 'evaluation:synthesis',
      kind: 'evaluation',
      title: 'evaluation:synthesis',
      text: synthesisQuestions.text,
      questions: synthesisQuestions.questions,
      detail: { questions: synthesisQuestions.questions },
      source: synthesisQuestions.source,
      related: ['faq:evaluation-partenariale'],
      next: 'evaluation',
    }),
  );
  for (const i of evaluation.impacts) {
    docs.push(
      doc({
        id: `impact:${i.id}`,
        kind: 'impact',
        title: i.label,
        text: i.description,
        extra: ['impact des alliances'],
        detail: { impacts: evaluation.impacts.map((x) => x.label), count: evaluation.impacts.length },
        source: i.source,
        related: ['faq:trois-impacts'],
      }),
    );
  }
  return docs;
}
