/** The admin pages' frame: the site layout with the admin tabs. */
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from '../views/layout';
import { adminTexts } from './admin-texts';

/** The admin sections, in tab order: each is `/admin/<section>`. */
export const ADMIN_SECTIONS = ['clients', 'users', 'callers', 'audit', 'retention'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

const TAB_LABELS = {
  clients: 'clients',
  users: 'users',
  callers: 'callerData',
  audit: 'auditLog',
  retention: 'retention',
} as const satisfies Record<AdminSection, string>;

export function adminLayout(ctx: PageContext, section: AdminSection, title: string, body: SafeHtml): string {
  const a = adminTexts(ctx.lang);
  const tab = (name: AdminSection, label: string) =>
    html`<a class="tab" href="/admin/${name}" ${section === name ? html`aria-current="page"` : ''}
      >${label}</a
    >`;
  const framed = html`<nav class="tabs admin-tabs" aria-label="${a.admin}">
      ${ADMIN_SECTIONS.map((name) => tab(name, a[TAB_LABELS[name]]))}
    </nav>
    ${body}`;
  return layout(ctx, `${title} · ${a.admin}`, framed, 'page-admin');
}
