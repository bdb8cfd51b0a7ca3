/** The page frame: header with the user and the language switch, flash message, main content. */
import { html, type SafeHtml } from '../html';
import type { Lang, Texts } from '../i18n';
import { reportTexts } from '../reports/report-texts';

export type PageContext = {
  lang: Lang;
  t: Texts;
  csrf: string;
  user: { name: string; role?: string } | null;
  /** The current URL with the other language. */
  langSwitchHref: string;
  flash?: { kind: 'ok' | 'error'; text: string } | null;
};

export function layout(ctx: PageContext, title: string, body: SafeHtml, bodyClass = ''): string {
  const { t } = ctx;
  return html`<!doctype html>
    <html lang="${ctx.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${title} · ${t.appName}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="stylesheet" href="/assets/cockpit.css" />
        <link rel="stylesheet" href="/assets/forms.css" />
        <link rel="stylesheet" href="/assets/reports.css" />
        <script src="/assets/cockpit.js" defer></script>
        <script src="/assets/forms.js" defer></script>
      </head>
      <body class="${bodyClass}">
        <a class="skip-link" href="#main">${ctx.lang === 'fr' ? 'Aller au contenu' : 'Skip to content'}</a>
        <header class="topbar">
          <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">☎</span> ${t.appName}</a>
          <nav class="topnav" aria-label="${ctx.lang === 'fr' ? 'Compte' : 'Account'}">
            ${
              ctx.user
                ? html`<a href="/">${t.messagesLink}</a>
                    <a href="/calls">${t.callsLink}</a>
                    <a href="/appointments">${t.appointmentsLink}</a>
                    <a href="/reports">${reportTexts(ctx.lang).nav}</a>
                    <span class="who">${ctx.user.name}</span>`
                : ''
            }
            ${
              ctx.user?.role === 'admin'
                ? html`<a href="/admin/clients">${t.adminLink}</a>
                    <a href="/admin/queues">${t.queuesLink}</a>`
                : ''
            }
            <a href="${ctx.langSwitchHref}" lang="${t.switchLangCode}" hreflang="${t.switchLangCode}"
              >${t.switchLang}</a
            >
            ${
              ctx.user
                ? html`<form method="post" action="/logout" class="inline">
                    <input type="hidden" name="_csrf" value="${ctx.csrf}" />
                    <button type="submit" class="link-button">${t.signOut}</button>
                  </form>`
                : ''
            }
          </nav>
        </header>
        <main id="main" tabindex="-1">
          ${
            ctx.flash
              ? html`<p
                  class="flash flash-${ctx.flash.kind}"
                  role="${ctx.flash.kind === 'error' ? 'alert' : 'status'}"
                >
                  ${ctx.flash.text}
                </p>`
              : ''
          }
          ${body}
        </main>
      </body>
    </html>`.value;
}
