import type { Content } from '../../content/content.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { composePrompt, type JeudisPrompt } from '../../domain/jeudis/compose-prompt.js';
import { newUserRecord, type UserRecord } from '../../domain/user-record.js';
import { DeliveryJournal } from '../../infra/storage/delivery-journal.js';
import { dueRecipients } from './jeudis-scheduler.js';

export interface DryRunLine {
  userId: string;
  channel: string;
  hour: number;
  theme: string;
  resource?: string;
  text: string;
}

/** Who would get which prompt on that Thursday (any hour), leaving out those already served. */
export async function dryRun(store: UserStore, journal: DeliveryJournal, content: Content, render: RenderTemplate, at: Date): Promise<DryRunLine[]> {
  const waiting = (await dueRecipients(store, at, { anyHour: true })).filter(({ userId, thursday }) => {
    const delivery = journal.get(DeliveryJournal.key(thursday, userId));
    return !delivery || delivery.state === 'deferred';
  });
  const due: Array<{ user: UserRecord; thursday: string }> = [];
  for (const { userId, thursday } of waiting) {
    const user = await store.read(userId);
    if (user) due.push({ user, thursday });
  }
  return due
    .map(({ user, thursday }) => {
      const prompt = composePrompt(content, render, user, thursday);
      return { userId: user.id, channel: user.channel, hour: user.jeudis?.hour ?? 0, theme: prompt.theme, resource: prompt.resource, text: prompt.message.text };
    });
}

/**
 * The prompt a sample subscriber would get on that Thursday: a content author sees the week's
 * wording even when nobody is due (no subscriber yet, everyone served). The sample is an
 * organisation of the first actor type, profile complete, diagnosis not started, subscribed at
 * the programme's default hour.
 */
export function samplePrompt(content: Content, render: RenderTemplate, thursday: string, at: Date): { who: string; prompt: JeudisPrompt } {
  const actor = content.actors[0];
  const user = {
    ...newUserRecord('exemple', 'web', at),
    profile: { actor: actor?.id, options: {}, completedAt: at.toISOString() },
    jeudis: { active: true, hour: content.jeudis.defaultHour, timeZone: content.jeudis.timeZone, since: at.toISOString(), suggestedTools: [] },
  };
  return { who: actor ? actor.phrase ?? actor.label : 'un abonné', prompt: composePrompt(content, render, user, thursday) };
}
