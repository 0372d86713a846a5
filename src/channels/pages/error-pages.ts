import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { RenderPage } from '../../infra/templates/render-page.js';
import { sendPage } from './page-response.js';

/**
 * The last handlers: a page for any address nothing answered, and a generic page for any error.
 * Neither shows a path, a stack or what the request held; the log keeps the status and the
 * error's kind, not the address (a link holds a signed token).
 */
export function mountErrorPages(app: Express, options: { renderPage: RenderPage; logger: Logger }): void {
  const page = (res: Response, status: number) => {
    if (res.headersSent) return void res.end();
    sendErrorPage(res, options.renderPage, status);
  };
  app.use((_req: Request, res: Response) => page(res, 404));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(err);
    if (status >= 500) options.logger.error({ err, method: req.method, status }, 'request failed');
    else options.logger.info({ method: req.method, status, kind: kindOf(err) }, 'request refused');
    page(res, status);
  });
}

/** Sends the generic page for a status (404, 429, 4xx, 5xx), in French; never cached (it may answer a personal link). */
export function sendErrorPage(res: Response, renderPage: RenderPage, status: number): void {
  sendPage(res, renderPage, 'error.njk', { status }, { status, personal: true });
}

function statusOf(err: unknown): number {
  const status = (err as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (err as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function kindOf(err: unknown): string {
  const type = (err as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : err instanceof Error ? err.name : 'unknown';
}
