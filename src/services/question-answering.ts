import type { Content } from '../content/content.js';
import type { FollowUp } from '../content/schemas.js';
import { buttonValue, readButtonValue, type CommandName } from '../domain/button-values.js';
import { message, type Card, type Choice, type OutMessage } from '../domain/out-message.js';
import type { RenderTemplate } from '../domain/render-template.js';
import type { UserStore } from '../infra/storage/user-store.js';
import { fold } from '../text/fold.js';
import type { KnowledgeDoc } from '../domain/qa/knowledge-docs.js';
import type { KnowledgeIndex, QaOutcome } from '../domain/qa/knowledge-index.js';
import { nearbyAnswer } from '../domain/qa/nearby-answer.js';
import { scrub } from '../domain/qa/scrub.js';
import type { QuestionsApi } from '../conversation/ports.js';

const NEXT_COMMAND: Record<FollowUp, { command: CommandName; label: keyof Content['ui']['labels'] }> = {
  diagnosis: { command: 'diagnosis', label: 'nextDiagnosis' },
  method: { command: 'method', label: 'nextMethod' },
  evaluation: { command: 'evaluation', label: 'nextEvaluation' },
  pairing: { command: 'pairing', label: 'nextPairing' },
  report: { command: 'report', label: 'nextReport' },
};

const command = (name: CommandName) => buttonValue({ kind: 'command', command: name });
const topic = (entry: string) => buttonValue({ kind: 'qa-topic', entry });
const vote = (value: 'up' | 'down', entry: string) => buttonValue({ kind: 'feedback', vote: value, entry });

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** The profile fields that may shape an answer asked « pour moi » or « près de chez moi ». */
export interface AskerProfile {
  actor?: string;
  departement?: string;
  options?: Record<string, string>;
}

/** What the user is told, and whether it is a confident answer (for the evaluation and the logs). */
export interface QaResponse {
  status: 'answer' | 'missing' | 'unsure' | 'out-of-scope' | 'empty';
  /** Entries the answer gives (empty when none). */
  entries: string[];
  messages: OutMessage[];
}

/** A text that reads as a question: it ends with « ? » or starts like one (`search.json` questionStarts). */
export function looksLikeQuestion(text: string, questionStarts: string[]): boolean {
  if (text.trim().endsWith('?')) return true;
  const typed = fold(text);
  return questionStarts.some((start) => {
    const s = fold(start);
    return typed === s || typed.startsWith(`${s} `);
  });
}

/**
 * Answers free-text questions from the content store: the answer with its source and link,
 * follow-up buttons and a 👍/👎; two entries for a comparison or a two-part question; the
 * examples of the user's département and region for « près de chez moi ». Below the confidence
 * rule: « je n'ai pas cette information », or an honest « je ne suis pas sûr » with the closest
 * topics, or « hors périmètre ». Unanswered questions and votes are logged without their author.
 */
export class QuestionAnswering implements QuestionsApi {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly content: Content,
    private readonly render: RenderTemplate,
    private readonly store: Pick<UserStore, 'logUnanswered' | 'logFeedback'>,
  ) {}

  /**
   * Messages for a typed question. With `confidentOnly`, nothing unless a confident answer
   * exists (a dialog is waiting for an answer of its own).
   */
  answer(text: string, now: Date, options: { confidentOnly: boolean; profile?: AskerProfile }): OutMessage[] | undefined {
    const response = this.respond(text, now, options.profile);
    if (response.status === 'answer') return response.messages;
    if (options.confidentOnly || response.status === 'empty') return undefined;
    return response.messages;
  }

  /** The full response to a typed question: what is said, and how sure it is. */
  respond(text: string, now: Date, profile: AskerProfile = {}): QaResponse {
    const context = { actor: profile.actor, options: Object.values(profile.options ?? {}) };
    const outcome = this.index.ask(text, context);
    if (outcome.status === 'empty') return { status: 'empty', entries: [], messages: [] };
    // « Près de chez moi » (the profile's département), or a region named with « exemples » (« en Bretagne »).
    const { search, territories } = this.content;
    // Asked in the question itself: « chez nous il y a une zone d'activités… » only says where the asker is.
    const asked = this.index.questionOf(text);
    const region = this.index.says(asked, search.exampleWords) ? territories.regions.find((r) => this.index.says(asked, [r.name])) : undefined;
    if (region || this.index.says(asked, search.nearMe)) {
      const near = nearbyAnswer(this.content, this.render, outcome, { departement: profile.departement, regionName: region?.name });
      const messages = [message(near.text, { choices: this.nearbyChoices(near.anchor, profile.departement) })];
      // None near: the kit does not have that information (the message says so and shows others).
      return { status: near.found ? 'answer' : 'missing', entries: [], messages };
    }
    if (outcome.status === 'answer') return { status: 'answer', entries: outcome.docs.map((d) => d.id), messages: this.answerMessages(outcome.docs, outcome.alternatives) };
    // The day only: a time to the millisecond would match the author's own record written in the same turn.
    this.store.logUnanswered({ text: scrub(text), at: dayOf(now), closest: outcome.alternatives.map((d) => d.id) });
    return { status: outcome.status, entries: [], messages: [this.notAnswered(outcome)] };
  }

  /** True when a text typed while a dialog waits should be taken as a question. */
  isQuestion(text: string): boolean {
    return looksLikeQuestion(text, this.content.search.questionStarts);
  }

  /** Messages for a button this service put in an earlier answer (a topic, a vote), if it is one. */
  button(value: string | undefined, now: Date): OutMessage[] | undefined {
    if (!value) return undefined;
    const button = readButtonValue(value);
    if (button.kind === 'qa-topic') {
      const doc = this.index.get(button.entry);
      return doc ? this.answerMessages([doc], []) : undefined;
    }
    if (button.kind === 'feedback' && this.index.get(button.entry)) {
      this.store.logFeedback({ entry: button.entry, vote: button.vote, at: dayOf(now) });
      return [message(this.render('qa/feedback-thanks', { vote: button.vote }))];
    }
    return undefined;
  }

  private notAnswered(outcome: Exclude<QaOutcome, { status: 'answer' } | { status: 'empty' }>): OutMessage {
    const topics = outcome.alternatives;
    return message(this.render('qa/unsure', { status: outcome.status, alternatives: topics.map((d) => this.title(d)) }), {
      choices: [...topics.map((d) => ({ label: this.title(d), value: topic(d.id) })), { label: this.content.ui.labels.menu, value: command('menu') }],
    });
  }

  /** One message per entry (two for a comparison), the follow-ups under the last one. */
  private answerMessages(docs: KnowledgeDoc[], alternatives: KnowledgeDoc[]): OutMessage[] {
    return docs.map((doc, i) => {
      const sources = doc.source.map((file) => this.content.sources.find((s) => s.file === file)?.title ?? file);
      const text = `${this.render('qa/heading', { title: this.title(doc), kind: doc.kind })}\n\n${this.render('qa/answer', { doc, sources })}`;
      const cards: Card[] = doc.link ? [{ title: this.title(doc), url: doc.link, linkLabel: this.content.ui.labels.openLink }] : [];
      const last = i === docs.length - 1;
      return message(text, { cards, choices: last ? this.followUps(docs, alternatives) : [] });
    });
  }

  /** The title shown for an entry: the template words it for entries whose content has none. */
  private title(doc: KnowledgeDoc): string {
    return this.render('qa/title', { doc });
  }

  private followUps(docs: KnowledgeDoc[], alternatives: KnowledgeDoc[]): Choice[] {
    const { labels } = this.content.ui;
    const main = docs[0]!;
    const shown = new Set(docs.map((d) => d.id));
    // The runner-up first (« vouliez-vous dire… »), then the entry's own related topics.
    const topics = [...alternatives.slice(0, 1), ...main.related.map((id) => this.index.get(id)).filter((d): d is KnowledgeDoc => d !== undefined)]
      .filter((d) => !shown.has(d.id) && (shown.add(d.id), true))
      .slice(0, 2)
      .map((d) => ({ label: this.title(d), value: topic(d.id) }));
    const next = main.next ? [{ label: labels[NEXT_COMMAND[main.next].label], value: command(NEXT_COMMAND[main.next].command) }] : [];
    return [
      ...topics,
      ...next,
      { label: labels.feedbackUp, value: vote('up', main.id) },
      { label: labels.feedbackDown, value: vote('down', main.id) },
      { label: labels.menu, value: command('menu') },
    ];
  }

  private nearbyChoices(anchor: string, departement: string | undefined): Choice[] {
    const { labels } = this.content.ui;
    return [
      ...(departement ? [] : [{ label: labels.profile, value: command('profile') }]),
      { label: labels.nextMethod, value: command('method') },
      { label: labels.feedbackUp, value: vote('up', anchor) },
      { label: labels.feedbackDown, value: vote('down', anchor) },
      { label: labels.menu, value: command('menu') },
    ];
  }
}
