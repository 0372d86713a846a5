import type nunjucks from 'nunjucks';
import path from 'node:path';
import { frenchSpacing } from '../../text/french-spacing.js';
import { createMessageEnvironment } from './template-environment.js';

import type { RenderTemplate } from '../../domain/render-template.js';

export type { RenderTemplate };

/** Renders `content/templates/<name>.njk` to trimmed markdown text with French spacing. */
export function createTemplateRenderer(contentDir: string): RenderTemplate {
  const env: nunjucks.Environment = createMessageEnvironment(path.join(contentDir, 'templates'));
  return (name, vars = {}) => frenchSpacing(env.render(`${name}.njk`, vars).replace(/\n{3,}/g, '\n\n').trim());
}
