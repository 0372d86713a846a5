import { createRequire } from 'node:module';

/*
 * Microsoft's own Adaptive Cards library (`adaptivecards`, the renderer Teams and the Agents
 * Playground are built on) reads our cards against schema 1.5, offline. Its ESM build cannot be
 * imported by Node (extensionless imports), so the UMD bundle is loaded; only what the check
 * uses is typed here.
 */
interface Event {
  message: string;
}
interface SerializationContext {
  readonly eventCount: number;
  getEventAt(i: number): Event;
}
interface AdaptiveCardInstance {
  hostConfig: unknown;
  parse(json: unknown, context: SerializationContext): void;
  validateProperties(): { validationEvents: Event[] };
  toJSON(context?: SerializationContext): unknown;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => AdaptiveCardInstance;
  SerializationContext: new (version: unknown) => SerializationContext;
  Version: new (major: number, minor: number) => unknown;
  HostConfig: new (json: unknown) => unknown;
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** Buttons per action set Teams shows (its host configuration; the library's default is 5). */
export const TEAMS_MAX_ACTIONS = 6;

/** Sorted keys, no undefined: two cards with the same content compare equal. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

/**
 * What the library finds wrong in a card read as schema 1.5 in Teams (6 buttons a row): unknown elements or actions,
 * invalid or missing properties, and any property it drops when it reads the card (a value that
 * version does not know is silently ignored by Teams, so it counts as a problem here).
 */
export function adaptiveCardProblems(json: unknown): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({ actions: { maxActions: TEAMS_MAX_ACTIONS } });
  card.parse(json, context);
  const problems = Array.from({ length: context.eventCount }, (_, i) => `parse: ${context.getEventAt(i).message}`);
  problems.push(...card.validateProperties().validationEvents.map((e) => `validate: ${e.message}`));
  const read = JSON.stringify(normalise(card.toJSON(new AC.SerializationContext(new AC.Version(1, 5)))));
  const given = JSON.stringify(normalise(json));
  if (read !== given) problems.push(`the library reads the card differently:\n  given ${given}\n  read  ${read}`);
  return problems;
}
