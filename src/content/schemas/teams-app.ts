import { z } from 'zod';

// `content/teams-app.json`: what the Teams app package says about the app.

/** A command Teams lists in the compose box; Teams sends `title` as the message text. */
export const TeamsCommand = z.object({
  title: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
});

/** What the Teams app package says about the app (manifest texts), in French. */
export const TeamsAppFile = z.object({
  name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  developerName: z.string().min(1).max(32),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'doit être une couleur #RRGGBB'),
  commands: z.array(TeamsCommand).min(1).max(10),
  tab: z.object({
    entityId: z.string().regex(/^[a-z0-9-]+$/, 'lettres minuscules, chiffres et tirets'),
    name: z.string().min(1).max(128),
  }),
});

export type TeamsAppFile = z.infer<typeof TeamsAppFile>;
