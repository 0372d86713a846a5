import nunjucks from 'nunjucks';

/**
 * Message templates produce markdown text, never HTML: the channel renderers make it safe.
 * `throwOnUndefined` turns a misspelt variable into an error caught by tests rather than a blank.
 */
export function createMessageEnvironment(dir: string): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir, { noCache: false }), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('percent', (n: number) => `${Math.round(n * 100)} %`);
  // Seeds sometimes start a question in lower case; nunjucks' `capitalize` would lower the rest.
  env.addFilter('upperFirst', (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s));
  return env;
}
