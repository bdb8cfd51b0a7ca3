/** The admin pages' frame: the site layout with the admin tabs (clients, users). */
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from '../views/layout';
import { adminTexts } from './admin-texts';

export function adminLayout(
  ctx: PageContext,
  section: 'clients' | 'users',
  title: string,
  body: SafeHtml,
): string {
  const a = adminTexts(ctx.lang);
  const tab = (name: 'clients' | 'users', label: string) =>
    html`<a class="tab" href="/admin/${name}" ${section === name ? html`aria-current="page"` : ''}
      >${label}</a
    >`;
  const framed = html`<nav class="tabs admin-tabs" aria-label="${a.admin}">
      ${tab('clients', a.clients)} ${tab('users', a.users)}
    </nav>
    ${body}`;
  return layout(ctx, `${title} · ${a.admin}`, framed, 'page-admin');
}
