import nunjucks from 'nunjucks';
import { shapeTemplateLines } from './template-lines.js';
import { splitLead } from '../../text/sentences.js';

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
  // A long paragraph of the content cut for the message budget: `lead(n)` its first whole
  // sentences within n characters (at least one), `afterLead(n)` the rest (for a `[[suite]]`).
  env.addFilter('lead', (s: string, max: number) => splitLead(s ?? '', max)[0]);
  env.addFilter('afterLead', (s: string, max: number) => splitLead(s ?? '', max)[1]);
  return env;
}
