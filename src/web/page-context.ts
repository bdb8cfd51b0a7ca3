/** What every page needs: language (session choice, else the user's locale, else French), CSRF token, flash. */
import type { NextFunction, Request, Response } from 'express';
import { type User } from '../domain/users';
import { csrfToken } from './csrf';
import { langOfLocale, LANGS, texts, type Lang } from './i18n';
import type { PageContext } from './views/layout';

/** Remembers `?lang=fr|en` in the session (anything else is ignored). */
export function chooseLanguage(req: Request, _res: Response, next: NextFunction): void {
  const asked = req.query.lang;
  if (typeof asked === 'string' && (LANGS as readonly string[]).includes(asked))
    req.session.lang = asked as Lang;
  next();
}

export function pageLang(req: Request, res: Response): Lang {
  const user = res.locals.user as User | undefined;
  return req.session?.lang ?? langOfLocale(user?.locale);
}

export function pageContext(req: Request, res: Response): PageContext {
  const lang = pageLang(req, res);
  const t = texts(lang);
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('lang', t.switchLangCode);
  const flash = req.session.flash ?? null;
  delete req.session.flash;
  const user = res.locals.user as User | undefined;
  return {
    lang,
    t,
    csrf: csrfToken(req),
    user: user ?? null,
    langSwitchHref: url.pathname + url.search,
    flash,
  };
}

export function setFlash(req: Request, kind: 'ok' | 'error', text: string): void {
  req.session.flash = { kind, text };
}
