import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { evaluationQuestions } from './evaluation-questions.js';

describe('evaluation questions', () => {
  it('follows the kit: own performance, ecosystem, the 2 questions, the 3 synthesis questions', () => {
    const questions = evaluationQuestions(content.evaluation);
    expect(questions.filter((q) => q.group === 'synthese')).toHaveLength(3);
    expect(questions.find((q) => q.ifPreviousYes)?.open).toBe(true);
  });
});
