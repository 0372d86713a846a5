import path from 'node:path';
import nunjucks from 'nunjucks';
import { explainAcronyms, type Acronyms } from '../../text/explain-acronyms.js';
import { frenchSpacing } from '../../text/french-spacing.js';
import { shapeTemplateLines } from './template-lines.js';

export type RenderPage = (name: string, vars?: object) => string;

/** The page templates' loader: lines shaped like the messages' (see template-lines). */
class PageLoader extends nunjucks.FileSystemLoader {
  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name);
    return { ...source, src: shapeTemplateLines(source.src) };
  }
}

/**
 * Renders `content/templates/pages/<name>` to HTML: autoescaped, and with French typography in
 * the text (never inside tags, scripts or styles, where a no-break space would break an attribute
 * or an SVG path). One environment for every page: the chat, the report, the tab, the errors.
 */
export function createPageRenderer(contentDir: string, acronyms: Acronyms = []): RenderPage {
  const env = new nunjucks.Environment(new PageLoader(path.join(contentDir, 'templates', 'pages')), { autoescape: true, throwOnUndefined: false });
  // Inserted into escaped HTML: escaped the same way (nunjucks' autoescape), so that « l'égalité »
  // in a page is recognised as already spelled out.
  const escaped = acronyms.map((a) => ({ ...a, long: escapeHtml(a.long) }));
  return (name, vars = {}) => typesetHtml(env.render(name, vars), escaped);
}

/**
 * French spacing in the text nodes of an HTML page, and each acronym explained at its first use
 * in the page's body (not in the head, nor in a chart, where there is no room).
 */
export function typesetHtml(html: string, acronyms: Acronyms = []): string {
  let raw = false;
  let inBody = false;
  let inSvg = 0;
  const seen = new Set<string>();
  return html
    .split(/(<[^>]*>)/)
    .map((part, i) => {
      if (i % 2 === 1) {
        if (/^<(script|style)\b/i.test(part)) raw = true;
        else if (/^<\/(script|style)\b/i.test(part)) raw = false;
        else if (/^<body\b/i.test(part)) inBody = true;
        else if (/^<svg\b/i.test(part)) inSvg += 1;
        else if (/^<\/svg\b/i.test(part)) inSvg -= 1;
        return part;
      }
      if (raw) return part;
      const explained = inBody && inSvg === 0 ? explainAcronyms(part, acronyms, seen) : part;
      // Entities (« &#39; ») are kept whole: their « ; » is not punctuation.
      return explained.split(/(&#?\w+;)/).map((t, j) => (j % 2 === 1 ? t : frenchSpacing(t))).join('');
    })
    .join('');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
