/** A caller's number in the cockpit: a tappable `tel:` link (E.164) shown nationally, or "withheld". */
import { isE164Phone, type CountryCode } from '../../domain/phone';
import { formatPhone } from '../format';
import { html, type SafeHtml } from '../html';

/** What carriers send instead of a number when the caller hides it (Twilio: `anonymous`, `+266696687`…). */
const WITHHELD = /^(anonymous|restricted|private|unknown|unavailable|blocked|\+?266696687|\+?86282452253)?$/i;

export function isWithheld(number: string): boolean {
  return WITHHELD.test(number.trim());
}

export function phoneLink(number: string, country: CountryCode | undefined, withheld: string): SafeHtml {
  if (isWithheld(number)) return html`<span class="muted withheld">${withheld}</span>`;
  if (!isE164Phone(number)) return html`<span>${number}</span>`;
  return html`<a href="tel:${number}">${formatPhone(number, country)}</a>`;
}
