/**
 * What the cockpit's script needs on the list and message pages: its settings (texts in the page
 * language, the counts URL, the title), the urgent alerts' live region, the shortcuts help dialog.
 */
import type { CockpitTexts } from '../cockpit-texts';
import { html, type SafeHtml } from '../html';

export type CockpitSettings = {
  /** The page title without the urgent count ("Messages · Accueil téléphonique"). */
  titleBase: string;
  urgentOpen: number;
  /** `/counts` with the list's filters, or empty when the page shows no counts. */
  countsUrl: string;
};

export function cockpitParts(ct: CockpitTexts, s: CockpitSettings): SafeHtml {
  return html`<div
      id="cockpit"
      hidden
      data-title-base="${s.titleBase}"
      data-urgent-open="${s.urgentOpen}"
      data-counts-url="${s.countsUrl}"
      data-text-notification="${ct.urgentNotificationTitle}"
      data-text-open="${ct.openMessage}"
      data-text-dismiss="${ct.dismiss}"
      data-text-alerts-on="${ct.alertsOn}"
      data-text-denied="${ct.alertsDenied}"
      data-text-selected-one="${ct.selected(1).replace('1', '{n}')}"
      data-text-selected-many="${ct.selected(2).replace('2', '{n}')}"
    ></div>
    <div id="urgent-alerts" class="urgent-alerts" aria-live="assertive"></div>
    <dialog id="shortcuts-help" class="shortcuts-help" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${ct.shortcuts}</h2>
      <dl class="shortcut-list">
        ${ct.shortcutList.map(
          ([keys, what]) =>
            html`<div>
              <dt>
                ${keys.split(/ (puis|then|\/) /).map((k) => (['puis', 'then', '/'].includes(k) && keys !== '/' ? html` ${k} ` : html`<kbd>${k}</kbd>`))}
              </dt>
              <dd>${what}</dd>
            </div>`,
        )}
      </dl>
      <form method="dialog"><button class="button" type="submit">${ct.dismiss}</button></form>
    </dialog>`;
}

/** The buttons the script brings to life (hidden without it: they would do nothing). */
export function cockpitButtons(ct: CockpitTexts): SafeHtml {
  return html`<button type="button" class="button subtle" id="enable-alerts" hidden title="${ct.alertsHelp}">
      ${ct.enableAlerts}
    </button>
    <button type="button" class="button subtle" id="show-shortcuts" hidden aria-keyshortcuts="?">
      ${ct.shortcutsButton} <kbd aria-hidden="true">?</kbd>
    </button>`;
}
