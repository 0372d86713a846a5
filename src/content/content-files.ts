import type { z } from 'zod';
import {
  ActorsFile,
  EcosystemFile,
  EvaluationFile,
  FaqFile,
  GlossaryFile,
  JeudisFile,
  KnowledgeFile,
  MethodFile,
  NeedsFile,
  PhrasingsFile,
  SearchFile,
  SourcesFile,
  TeamsAppFile,
  TeachingsFile,
  TerritoriesFile,
  ToolsFile,
  UiFile,
} from './schemas.js';

/** Each JSON file of the content store and the schema it must satisfy. */
export const contentFiles = {
  'actors.json': ActorsFile,
  'needs.json': NeedsFile,
  'tools.json': ToolsFile,
  'method.json': MethodFile,
  'ecosystem.json': EcosystemFile,
  'evaluation.json': EvaluationFile,
  'knowledge.json': KnowledgeFile,
  'territories.json': TerritoriesFile,
  'faq.json': FaqFile,
  'sources.json': SourcesFile,
  'search.json': SearchFile,
  'ui.json': UiFile,
  'teams-app.json': TeamsAppFile,
  'jeudis.json': JeudisFile,
  'glossary.json': GlossaryFile,
  'teachings.json': TeachingsFile,
  'phrasings.json': PhrasingsFile,
} as const satisfies Record<string, z.ZodType>;

export type ContentFileName = keyof typeof contentFiles;
export type ParsedFiles = { [F in ContentFileName]: z.infer<(typeof contentFiles)[F]> };
