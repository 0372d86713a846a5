import type { Content } from '../../content/content.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { ANSWERED, SKIPPED } from './evaluation-analysis.js';
import { evaluationQuestions } from './evaluation-questions.js';

/**
 * The rules of `evaluation.json` › `analysis` name what exists: questions the evaluation asks,
 * answers those questions can get (an option of `ui.json` › `answers.evaluation`, or `answered` /
 * `skipped` for a question answered in one's own words), an angle of `angles`, tools of the catalogue.
 */
export function checkEvaluationAnalysis(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ file: 'evaluation.json', path, message });
  const questions = evaluationQuestions(content.evaluation);
  const options = content.ui.answers.evaluation.map((o) => o.value);
  const angles = new Set(content.evaluation.angles.map((a) => a.id));
  const tools = new Set(content.tools.map((t) => t.id));
  content.evaluation.analysis.rules.forEach((rule, i) => {
    const at = `$.analysis.rules[${i}]`;
    if (!angles.has(rule.angle)) add(`${at}.angle`, `angle inconnu « ${rule.angle} »`);
    rule.tools.forEach((id, j) => {
      if (!tools.has(id)) add(`${at}.tools[${j}]`, `outil inconnu « ${id} »`);
    });
    rule.questions.forEach((id, j) => {
      const question = questions.find((q) => q.id === id);
      if (!question) return add(`${at}.questions[${j}]`, `question inconnue « ${id} » (attendu : ${questions.map((q) => q.id).join(', ')})`);
      const allowed = question.open ? [ANSWERED, SKIPPED] : options;
      rule.answers.forEach((answer, k) => {
        if (!allowed.includes(answer)) add(`${at}.answers[${k}]`, `réponse « ${answer} » impossible à la question « ${id} » (attendu : ${allowed.join(', ')})`);
      });
    });
    if (rule.quoteAnswer && !rule.questions.every((id) => questions.find((q) => q.id === id)?.open))
      add(`${at}.quoteAnswer`, 'seules les réponses écrites (questions ouvertes) peuvent être citées');
    if (rule.text.includes('{') && !rule.text.includes('{question}')) add(`${at}.text`, 'seul {question} peut être remplacé dans le texte');
  });
  return problems;
}
