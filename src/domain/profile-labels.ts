import type { Content } from '../content/content.js';
import type { Profile } from './user-record.js';

export interface ProfileLabels {
  actorLabel?: string;
  /** How to name the user in a sentence: « une association employeuse », « une PME ». */
  who?: string;
  /** Labels of the options chosen, in the order of the actor's dimensions. */
  options: string[];
}

export function profileLabels(content: Pick<Content, 'actors'>, profile: Profile): ProfileLabels {
  const actor = content.actors.find((a) => a.id === profile.actor);
  if (!actor) return { options: [] };
  const chosen = actor.dimensions.flatMap((d) => d.options.filter((o) => profile.options[d.id] === o.id));
  const who = chosen.find((o) => o.phrase)?.phrase ?? actor.phrase ?? actor.label;
  return { actorLabel: actor.label, who, options: chosen.map((o) => o.label) };
}
