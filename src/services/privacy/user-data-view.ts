import type { Content } from '../../content/content.js';
import { evaluationQuestions } from '../../domain/method/evaluation-questions.js';
import { profileLabels } from '../../domain/profile-labels.js';
import { departementByCode } from '../../domain/understanding/departements.js';
import type { exportUserData } from './user-data.js';

type Export = NonNullable<Awaited<ReturnType<typeof exportUserData>>>;

/**
 * Everything kept about a user (the export), put into words for the « mes données » page: ids
 * become the labels of the content (a need's title, a level's label, a model's name), dates stay
 * dates, and what the page does not detail (the conversation's history, the dialog under way) is
 * counted; the JSON download beside it holds every field as stored.
 */
export function userDataView(content: Content, data: Export) {
  const { user } = data;
  const labels = profileLabels(content, user.profile);
  const actor = content.actors.find((a) => a.id === user.profile.actor);
  const departement = user.profile.departement ? departementByCode(user.profile.departement) : undefined;
  const scale = new Map(content.scale.map((l) => [l.value, l.label]));
  const objectives = user.method.objectives;
  const category = content.method.categories.find((c) => c.id === user.method.model?.category);
  const model = category?.models.find((m) => m.id === user.method.model?.model);
  const questions = new Map(evaluationQuestions(content.evaluation).map((q) => [q.id, q.text]));
  const evaluationAnswers = new Map(content.ui.answers.evaluation.map((a) => [a.value, a.label]));
  const functionAnswers = new Map(content.ui.answers.functions.map((a) => [a.value, a.label]));
  const tool = (id: string) => content.tools.find((t) => t.id === id)?.title ?? id;
  const sub = user.jeudis;
  return {
    id: user.id,
    channel: user.channel,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    exportedAt: data.exportedAt,
    profile: {
      actor: labels.actorLabel ?? null,
      options: actor
        ? actor.dimensions.flatMap((d) => {
            const option = d.options.find((o) => o.id === user.profile.options[d.id]);
            return option ? [{ question: d.question, answer: option.label }] : [];
          })
        : [],
      departement: departement ? `${departement.nom} (${departement.code})` : (user.profile.departement ?? null),
      completedAt: user.profile.completedAt ?? null,
    },
    diagnosis: {
      startedAt: user.diagnosis.startedAt ?? null,
      completedAt: user.diagnosis.completedAt ?? null,
      needs: content.needs
        .filter((n) => user.diagnosis.answers[n.id])
        .map((n) => {
          const a = user.diagnosis.answers[n.id]!;
          return { need: n.title, level: a.level === null ? null : (scale.get(a.level) ?? String(a.level)), unknown: a.unknown === true, at: a.at };
        }),
      priorities: (user.diagnosis.results?.priorities ?? []).map((id) => content.needs.find((n) => n.id === id)?.title ?? id),
      tools: (user.diagnosis.results?.tools ?? []).map(tool),
    },
    method: {
      objectives: objectives
        ? content.method.objectives.map((o) => ({ objective: o.label, weight: objectives.weights[o.id] ?? null, max: objectives.max ?? 5 }))
        : [],
      objectivesAt: objectives?.at ?? null,
      model: model ? { category: category!.label, model: model.label, at: user.method.model!.at } : null,
      functions: user.method.ecosystem
        ? content.ecosystem.functions.map((f) => ({ fn: f.label, answer: functionAnswers.get(user.method.ecosystem!.functions[f.id] ?? '') ?? null }))
        : [],
      evaluation: Object.entries(user.method.evaluation?.answers ?? {}).map(([id, answer]) => ({ question: questions.get(id) ?? id, answer: evaluationAnswers.get(answer) ?? answer })),
    },
    jeudis: sub
      ? {
          active: sub.active && !sub.deactivated,
          hour: sub.hour,
          timeZone: sub.timeZone,
          since: sub.since,
          pausedUntil: sub.pausedUntil ?? null,
          lastPrompt: sub.lastPrompt ?? null,
          tools: sub.suggestedTools.map(tool),
          browsers: (sub.push ?? []).map((p) => ({ host: hostOf(p.endpoint), at: p.at })),
        }
      : null,
    waiting: user.inbox.length,
    history: Array.isArray((user as { history?: unknown[] }).history) ? (user as { history: unknown[] }).history.length : 0,
    dialogs: user.dialogStack.map((f) => f.dialog),
    teams: user.teams ? { updatedAt: user.teams.updatedAt, tenant: user.teams.tenantId ?? null } : null,
    invitations: data.invitations.map((i) => ({ createdAt: i.createdAt, expiresAt: i.expiresAt, usedAt: i.usedAt ?? null })),
    pairings: data.pairings.map((p) => ({ since: p.since, cancelledAt: p.cancelledAt ?? null, partner: content.actors.find((a) => a.id === p.partnerActor)?.label ?? null })),
    deliveries: data.jeudisDeliveries,
  };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return '';
  }
}
