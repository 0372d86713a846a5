/**
 * Zod schemas of every file in `content/`, one file each under `schemas/` (the shared ids, texts
 * and sources in `schemas/shared.ts`). They are the single source of truth for the types used by
 * the domain, the dialogs and the renderers (each file exports its `z.infer` types).
 *
 * This module only gathers them, so that every importer keeps one address for the content's
 * types whatever file a schema lives in; what the schemas share for writing them (Id, Text,
 * Source, Passage) stays inside the folder.
 */
export { SeedFile, SeedPassage } from './schemas/shared.js';
export * from './schemas/actors.js';
export * from './schemas/needs.js';
export * from './schemas/tools.js';
export * from './schemas/method.js';
export * from './schemas/ecosystem.js';
export * from './schemas/evaluation.js';
export * from './schemas/knowledge.js';
export * from './schemas/faq.js';
export * from './schemas/sources.js';
export * from './schemas/search.js';
export * from './schemas/glossary.js';
export * from './schemas/teachings.js';
export * from './schemas/phrasings.js';
export * from './schemas/territories.js';
export * from './schemas/ui.js';
export * from './schemas/teams-app.js';
export * from './schemas/jeudis.js';
