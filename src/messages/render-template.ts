import type nunjucks from 'nunjucks';
import path from 'node:path';
import { frenchSpacing } from '../text/french-spacing.js';
import { createMessageEnvironment } from './template-environment.js';

export type RenderTemplate = (name: string, vars?: Record<string, unknown>) => string;

/** Renders `content/templates/<name>.njk` to trimmed markdown text with French spacing. */
export function createTemplateRenderer(contentDir: string): RenderTemplate {
  const env: nunjucks.Environment = createMessageEnvironment(path.join(contentDir, 'templates'));
  return (name, vars = {}) => frenchSpacing(env.render(`${name}.njk`, vars).replace(/\n{3,}/g, '\n\n').trim());
}
