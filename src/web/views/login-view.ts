/** The sign-in page. */
import { html } from '../html';
import { layout, type PageContext } from './layout';

/** `next`: the page to open after sign-in (already checked: a path on this site). */
export function loginPage(ctx: PageContext, email = '', error?: string, notice?: string, next = '/'): string {
  const { t } = ctx;
  const body = html`<section class="card login-card" aria-labelledby="login-title">
    <h1 id="login-title">${t.signInTitle}</h1>
    ${error ? html`<p class="flash flash-error" role="alert" id="login-error">${error}</p>` : ''}
    ${notice ? html`<p class="flash flash-ok" role="status">${notice}</p>` : ''}
    <form method="post" action="/login" class="stack">
      <input type="hidden" name="_csrf" value="${ctx.csrf}" />
      ${next !== '/' ? html`<input type="hidden" name="next" value="${next}" />` : ''}
      <label for="email">${t.email}</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="username"
        required
        maxlength="254"
        value="${email}"
        ${error ? html`aria-describedby="login-error"` : ''}
        autofocus
      />
      <label for="password">${t.password}</label>
      <input
        id="password"
        name="password"
        type="password"
        autocomplete="current-password"
        required
        maxlength="200"
      />
      <button type="submit" class="button primary">${t.submitSignIn}</button>
    </form>
  </section>`;
  return layout({ ...ctx, user: null }, t.signIn, body, 'page-login');
}
