import type { Content } from '../../content/content.js';
import type { RenderTemplate } from '../../domain/render-template.js';
import type { UserStore } from '../../infra/storage/user-store.js';
import { composePrompt } from '../../domain/jeudis/compose-prompt.js';
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
export function dryRun(store: UserStore, journal: DeliveryJournal, content: Content, render: RenderTemplate, at: Date): DryRunLine[] {
  return dueRecipients(store, at, { anyHour: true })
    .filter(({ user, thursday }) => {
      const delivery = journal.get(DeliveryJournal.key(thursday, user.id));
      return !delivery || delivery.state === 'deferred';
    })
    .map(({ user, thursday }) => {
      const prompt = composePrompt(content, render, user, thursday);
      return { userId: user.id, channel: user.channel, hour: user.jeudis?.hour ?? 0, theme: prompt.theme, resource: prompt.resource, text: prompt.message.text };
    });
}
