/** Errors on the web pages become readable pages (the JSON API keeps its own error shape). */
import type { NextFunction, Request, Response } from 'express';
import { toHttpError } from '../http/errors';
import type { Logger } from '../infra/logger';
import { CsrfError } from './csrf';
import { html } from './html';
import { texts } from './i18n';
import { pageContext } from './page-context';
import { layout } from './views/layout';

export function webErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!res.locals.web) return next(err);
    if (res.headersSent) {
      res.end();
      return;
    }
    const csrf = err instanceof CsrfError;
    const e = toHttpError(err);
    const status = csrf ? 403 : e.status;
    if (status >= 500) logger.error(`web error on ${req.method} ${req.path}`, { err });
    res.status(status).setHeader('Cache-Control', 'no-store');
    if (!req.session) {
      res.type('text/plain').send(texts('fr').serverError);
      return;
    }
    const ctx = pageContext(req, res);
    const { t } = ctx;
    const title = csrf
      ? t.csrfFailed
      : status === 404
        ? t.notFound
        : status === 400
          ? t.badInput
          : t.serverError;
    const body = html`<section class="card error-card">
      <h1>${title}</h1>
      ${status === 404 ? html`<p>${t.notFoundText}</p>` : ''}
      ${
        status === 400 && e.details.length
          ? html`<ul>
              ${e.details.map((d) => html`<li><code>${d.path || '?'}</code> : ${d.message}</li>`)}
            </ul>`
          : ''
      }
      <p><a href="/">${t.back}</a></p>
    </section>`;
    res.send(layout(ctx, title, body, 'page-error'));
  };
}
