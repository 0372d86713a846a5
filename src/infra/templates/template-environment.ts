import nunjucks from 'nunjucks';
import { shapeTemplateLines } from './template-lines.js';

/** A file loader whose templates keep the newlines their lines of text end with (see template-lines). */
class LineKeepingLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name);
    return { ...source, src: shapeTemplateLines(source.src) };
  }
}

/**
 * Message templates produce markdown text, never HTML: the channel renderers make it safe.
 * `throwOnUndefined` turns a misspelt variable into an error caught by tests rather than a blank.
 */
export function createMessageEnvironment(dir: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new LineKeepingLoader(dir, { noCache: false }), {
    autoescape: false,
    throwOnUndefined: true,
  });
  env.addFilter('percent', (n: number) => `${Math.round(n * 100)} %`);
  // Seeds sometimes start a question in lower case; nunjucks' `capitalize` would lower the rest.
  env.addFilter('upperFirst', (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s));
  return env;
}
