import type { AnswerOption, EvaluationFile, EvaluationRule, Tool } from '../../content/schemas.js';
import type { Content } from '../../content/content.js';
import type { JourneyStepId } from '../journey.js';
import type { Card } from '../out-message.js';
import type { RenderTemplate } from '../render-template.js';
import { evaluationQuestions, SKIPPED_ANSWER } from './evaluation-questions.js';

/** What an open question's answer is for the rules: the user's words, or none. */
export const ANSWERED = 'answered';
export const SKIPPED = 'skipped';

export interface AnalysisItem {
  angle: string;
  /** The angle's label (« La performance »). */
  angleLabel: string;
  text: string;
  /** The user's own words, for a rule that quotes them. */
  words: string | null;
  /** For an advice: the step of the journey it sends back to. */
  step: JourneyStepId | null;
}

export interface EvaluationAnalysis {
  strengths: AnalysisItem[];
  watch: AnalysisItem[];
  advice: AnalysisItem[];
  /** The tools the rules that applied point to, in the rules' order, each once, with the angles (labels) of those rules. */
  tools: Array<{ tool: Tool; angles: string[] }>;
}

/** « sur la performance d'autres acteurs de l'écosystème ? » → « sur la performance d'autres acteurs de l'écosystème ». */
const questionWords = (text: string) => text.trim().replace(/\s*\?$/, '');

/**
 * The analysis of an evaluation: each rule of `evaluation.json` › `analysis` whose question got
 * one of its answers gives a strength, a point to watch or an advice (each text once), in the
 * rules' order, and the tools the applied rules point to. Pure: the content decides everything
 * said, the answers only which rules apply.
 */
export function evaluationAnalysis(
  evaluation: EvaluationFile,
  options: AnswerOption[],
  tools: Tool[],
  answers: Record<string, string>,
): EvaluationAnalysis {
  const questions = evaluationQuestions(evaluation);
  const values = new Set(options.map((o) => o.value));
  const answerOf = (id: string): string | undefined => {
    const q = questions.find((x) => x.id === id);
    const raw = answers[id];
    if (!q || raw === undefined) return undefined;
    if (q.open) return raw === SKIPPED_ANSWER || raw.trim() === '' ? SKIPPED : ANSWERED;
    return values.has(raw) ? raw : undefined;
  };
  const angleLabel = (id: string) => evaluation.angles.find((a) => a.id === id)?.label ?? id;
  const out: Record<EvaluationRule['kind'], AnalysisItem[]> = { strength: [], watch: [], advice: [] };
  const toolAngles = new Map<string, string[]>();
  for (const rule of evaluation.analysis.rules) {
    for (const id of rule.questions) {
      const answer = answerOf(id);
      if (answer === undefined || !rule.answers.includes(answer)) continue;
      const question = questions.find((q) => q.id === id)!;
      const text = rule.text.replace('{question}', questionWords(question.text));
      const words = rule.quoteAnswer && answer === ANSWERED ? answers[id]!.trim() : null;
      const list = out[rule.kind];
      if (!list.some((item) => item.text === text && item.words === words))
        list.push({ angle: rule.angle, angleLabel: angleLabel(rule.angle), text, words, step: rule.step ?? null });
      for (const tool of rule.tools) {
        const angles = toolAngles.get(tool) ?? [];
        if (!angles.includes(angleLabel(rule.angle))) angles.push(angleLabel(rule.angle));
        toolAngles.set(tool, angles);
      }
    }
  }
  return {
    strengths: out.strength,
    watch: out.watch,
    advice: out.advice,
    tools: [...toolAngles].flatMap(([id, angles]) =>
      tools.filter((t) => t.id === id).map((tool) => ({ tool, angles: evaluation.angles.map((a) => a.label).filter((label) => angles.includes(label)) })),
    ),
  };
}

/** The tools of an analysis as compact cards: why (the angles they help with), and what they are behind « Lire la suite ». */
export function analysisToolCards(content: Pick<Content, 'ui'>, render: RenderTemplate, analysis: EvaluationAnalysis): Card[] {
  return analysis.tools.map(({ tool, angles }) => {
    const card: Card = {
      title: tool.title,
      subtitle: [content.ui.toolKinds[tool.kind], [tool.publisher, tool.year].filter(Boolean).join(', ')].filter(Boolean).join(' · '),
      text: render('evaluation/tool-reason', { angles }),
      detail: [tool.summary, tool.whereToFind ? render('evaluation/tool-where', { whereToFind: tool.whereToFind }) : ''].filter(Boolean).join('\n\n'),
    };
    if (tool.url) {
      card.url = tool.url;
      card.linkLabel = content.ui.labels.openLink;
    }
    return card;
  });
}
