import type { Dialog, DialogContext } from '../src/dialog/dialog-types.js';
import { profileLabels } from '../src/content/profile-labels.js';
import { diagnosisResults } from '../src/engine/diagnosis-results.js';
import { carreMagique } from '../src/method/carre-magique.js';
import { message, type Choice } from '../src/messages/out-message.js';
import { recommendationCards } from '../src/messages/recommendation-cards.js';

const TOP = 5;

function choices(ctx: DialogContext): Choice[] {
  const { labels } = ctx.content.ui;
  const { answers, completedAt } = ctx.user.diagnosis;
  const answered = Object.keys(answers).length;
  return [
    ...(completedAt
      ? [{ label: labels.diagnosisRestart, value: 'cmd:restart' }]
      : [{ label: answered > 0 ? labels.diagnosisResume : labels.diagnosis, value: 'cmd:diagnosis' }]),
    { label: labels.profile, value: 'cmd:profile' },
    { label: labels.menu, value: 'cmd:menu' },
  ];
}

/** « Mon bilan »: the profile, where each need stands, and the tools recommended. */
export const reportDialog: Dialog = {
  id: 'report',
  start: (ctx) => {
    const { content, user } = ctx;
    const results = diagnosisResults(content, user.profile, user.diagnosis);
    const maxLevel = content.scale.length;
    const needs = content.needs.map((need) => {
      const answer = user.diagnosis.answers[need.id];
      const level = answer?.level ?? null;
      return {
        title: need.title,
        status: answer === undefined ? 'open' : level === null ? 'skipped' : 'answered',
        level,
        levelLabel: level === null ? null : (content.scale.find((l) => l.value === level)?.label ?? null),
        max: maxLevel,
      };
    });
    const answered = Object.keys(user.diagnosis.answers).length;
    const { objectives, model, ecosystem, evaluation } = user.method;
    const category = (id: string) => content.method.categories.find((c) => c.id === id);
    const method = {
      category: objectives ? (category(carreMagique(content.method.objectives, objectives.weights).recommended)?.label ?? null) : null,
      model: model ? (category(model.category)?.models.find((m) => m.id === model.model)?.label ?? null) : null,
      needed: ecosystem
        ? content.ecosystem.functions.filter((f) => ecosystem.functions[f.id] === 'need').map((f) => f.label)
        : null,
      evaluated: Boolean(evaluation),
    };
    const text = ctx.render('report/report', {
      method,
      profile: profileLabels(content, user.profile),
      departement: user.profile.departement ?? null,
      needs,
      answered,
      total: content.needs.length,
      completed: Boolean(user.diagnosis.completedAt),
      mode: results.mode,
      priorities: results.priorities.map((p) => p.need.title),
    });
    const cards = answered > 0 ? recommendationCards(content, ctx.render, user.profile, results, results.recommendations.slice(0, TOP)) : [];
    const page = {
      title: content.ui.labels.reportLink,
      text: ctx.render('report/page-link'),
      url: ctx.services.reportUrl(user.id, ctx.now),
      linkLabel: content.ui.labels.reportLink,
    };
    return { say: [message(text, { cards }), message(ctx.render('report/page-intro'), { cards: [page] })], then: { goto: 'after' } };
  },
  steps: {
    after: {
      prompt: (ctx) => [message(ctx.render('report/next'), { choices: choices(ctx) })],
      handle: () => ({ then: { unrecognised: true } }),
    },
  },
};
