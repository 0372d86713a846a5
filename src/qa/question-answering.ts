import type { Content } from '../content/load-content.js';
import type { FollowUp } from '../content/schemas.js';
import { message, type Card, type Choice, type OutMessage } from '../messages/out-message.js';
import type { RenderTemplate } from '../messages/render-template.js';
import type { UserStore } from '../storage/user-store.js';
import { fold } from '../text/fold.js';
import type { KnowledgeDoc } from './knowledge-docs.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { scrub } from './scrub.js';

const NEXT_COMMAND: Record<FollowUp, { command: string; label: keyof Content['ui']['labels'] }> = {
  diagnosis: { command: 'cmd:diagnosis', label: 'nextDiagnosis' },
  method: { command: 'cmd:method', label: 'nextMethod' },
  evaluation: { command: 'cmd:evaluation', label: 'nextEvaluation' },
  pairing: { command: 'cmd:pairing', label: 'nextPairing' },
  report: { command: 'cmd:report', label: 'nextReport' },
};

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

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
 * follow-up buttons and a 👍/👎; or, below the confidence threshold, an honest « je ne suis pas
 * sûr » with the closest topics. Unanswered questions and votes are logged without their author.
 */
export class QuestionAnswering {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly content: Content,
    private readonly render: RenderTemplate,
    private readonly store: UserStore,
  ) {}

  /**
   * Messages for a typed question. With `confidentOnly`, nothing unless a confident answer
   * exists (a dialog is waiting for an answer of its own).
   */
  answer(text: string, now: Date, options: { confidentOnly: boolean }): OutMessage[] | undefined {
    const outcome = this.index.ask(text);
    if (outcome.status === 'answer') return this.answerMessages(outcome.doc);
    if (options.confidentOnly) return undefined;
    if (outcome.status === 'empty') return undefined;
    // The day only: a time to the millisecond would match the author's own record written in the same turn.
    this.store.logUnanswered({ text: scrub(text), at: dayOf(now), closest: outcome.alternatives.map((d) => d.id) });
    return [
      message(this.render('qa/unsure', { alternatives: outcome.alternatives.map((d) => d.title) }), {
        choices: [
          ...outcome.alternatives.map((d) => ({ label: d.title, value: `qa:${d.id}` })),
          { label: this.content.ui.labels.menu, value: 'cmd:menu' },
        ],
      }),
    ];
  }

  /** True when a text typed while a dialog waits should be taken as a question. */
  isQuestion(text: string): boolean {
    return looksLikeQuestion(text, this.content.search.questionStarts);
  }

  /** Messages for a button this service put in an earlier answer (a topic, a vote), if it is one. */
  button(value: string | undefined, now: Date): OutMessage[] | undefined {
    if (!value) return undefined;
    const topic = /^qa:(.+)$/.exec(value);
    if (topic) {
      const doc = this.index.get(topic[1]!);
      return doc ? this.answerMessages(doc) : undefined;
    }
    const vote = /^feedback:(up|down):(.+)$/.exec(value);
    if (vote && this.index.get(vote[2]!)) {
      this.store.logFeedback({ entry: vote[2]!, vote: vote[1] as 'up' | 'down', at: dayOf(now) });
      return [message(this.render('qa/feedback-thanks', { vote: vote[1] }))];
    }
    return undefined;
  }

  private answerMessages(doc: KnowledgeDoc): OutMessage[] {
    const sources = doc.source.map((file) => this.content.sources.find((s) => s.file === file)?.title ?? file);
    const text = `${this.render('qa/heading', { title: doc.title, kind: doc.kind })}\n\n${this.render('qa/answer', { doc, sources })}`;
    const cards: Card[] = doc.link ? [{ title: doc.title, url: doc.link, linkLabel: this.content.ui.labels.openLink }] : [];
    return [message(text, { cards, choices: this.followUps(doc) })];
  }

  private followUps(doc: KnowledgeDoc): Choice[] {
    const { labels } = this.content.ui;
    const related = doc.related
      .map((id) => this.index.get(id))
      .filter((d): d is KnowledgeDoc => d !== undefined)
      .slice(0, 2)
      .map((d) => ({ label: d.title, value: `qa:${d.id}` }));
    const next = doc.next ? [{ label: labels[NEXT_COMMAND[doc.next].label], value: NEXT_COMMAND[doc.next].command }] : [];
    return [
      ...related,
      ...next,
      { label: labels.feedbackUp, value: `feedback:up:${doc.id}` },
      { label: labels.feedbackDown, value: `feedback:down:${doc.id}` },
      { label: labels.menu, value: 'cmd:menu' },
    ];
  }
}
