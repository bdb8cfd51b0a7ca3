/**
 * Route preview: what the call-flow engine would decide for a caller at a given instant, and why.
 * The API depends only on the `RoutePreviewer` port; the composition root passes the engine's
 * implementation. Until one is wired, `notWiredRoutePreviewer` answers 501.
 */
import type { ClientProfile } from '../flow/profile';
import { HttpError } from '../http/errors';

export type RoutePreviewInput = {
  /** Caller number, E.164. */
  from: string;
  /** The instant to evaluate (hours, closures, overrides) — the engine takes no clock of its own. */
  at: Date;
  digits?: string;
  speech?: string;
};

export type RoutePreview = {
  /** The action the engine would take (a rule action: transfer, message, say, reject…). */
  decision: { type: string } & Record<string, unknown>;
  /** Name of the rule that decided, or null when the default action applied. */
  matchedRule: string | null;
  /** Whether the client was open at `at`. */
  open: boolean;
  /** Human-readable steps of the decision, in order. */
  reasons: string[];
};

export type RoutePreviewer = (profile: ClientProfile, input: RoutePreviewInput) => RoutePreview;

export const notWiredRoutePreviewer: RoutePreviewer = () => {
  throw new HttpError(501, 'route preview is not available: the call-flow engine is not wired yet');
};
