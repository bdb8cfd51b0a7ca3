/** Errors on the web pages become readable pages (the JSON API keeps its own error shape). */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { toHttpError } from '../http/errors';
import type { Logger } from '../infra/logger';
import { CsrfError } from './csrf';
import { html } from './html';
import { texts, type Lang, type Texts } from './i18n';
import { issueText } from './issue-texts';
import { pageContext } from './page-context';
import { layout, type PageContext } from './views/layout';

/** What was wrong with the request, in the page's language (zod's own words are English). */
function detailsOf(err: unknown, details: { path: string; message: string }[], lang: Lang) {
  if (err instanceof ZodError)
    return err.issues.map((issue) => ({ path: issue.path.join('.'), message: issueText(issue, lang) }));
  // A use case's own check (InvalidInputError): its English detail read through the same table.
  return details.map((d) => ({
    path: d.path,
    message: issueText({ code: 'custom', path: [], message: d.message, input: undefined }, lang),
  }));
}

function titleOf(t: Texts, status: number, csrf: boolean): string {
  if (csrf) return t.csrfFailed;
  if (status === 404) return t.notFound;
  if (status === 413) return t.bodyTooLarge;
  if (status === 415) return t.unsupportedBody;
  return status >= 500 ? t.serverError : t.badInput;
}

/**
 * Before the session middleware has run (a body the parser refused), there is no session to read
 * the language or a CSRF token from: the page is French, signed out.
 */
export function sessionlessContext(): PageContext {
  return { lang: 'fr', t: texts('fr'), csrf: '', user: null, langSwitchHref: '/?lang=en', flash: null };
}

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
    const ctx = req.session ? pageContext(req, res) : sessionlessContext();
    const { t } = ctx;
    const title = titleOf(t, status, csrf);
    const body = html`<section class="card error-card">
      <h1>${title}</h1>
      ${status === 404 ? html`<p>${res.locals.unknownPage ? t.pageNotFoundText : t.notFoundText}</p>` : ''}
      ${
        status === 400 && e.details.length
          ? html`<ul>
              ${detailsOf(err, e.details, ctx.lang).map(
                (d) => html`<li><code>${d.path || '?'}</code>${t.colon}${d.message}</li>`,
              )}
            </ul>`
          : ''
      }
      <p><a href="/">${t.back}</a></p>
    </section>`;
    res.send(layout(ctx, title, body, 'page-error'));
  };
}
