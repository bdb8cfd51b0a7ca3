/**
 * Route preview: what the call-flow engine would decide for a caller at a given instant, and why.
 * The API depends only on the `RoutePreviewer` port; the composition root passes the engine's
 * implementation (`engineRoutePreviewer`) unless a test passes another.
 */
import type { ClientProfile } from '../flow/profile';
import { previewRoute, type RoutePreview } from '../flow';

export type RoutePreviewInput = {
  /** Caller number, E.164. */
  from: string;
  /** The instant to evaluate (hours, closures, overrides) — the engine takes no clock of its own. */
  at: Date;
  digits?: string;
  speech?: string;
};

/** The API's answer: the engine's decision in brief, with the engine's whole preview as `detail`. */
export type RoutePreviewSummary = {
  /** The action the engine would take (a rule action: transfer, message, say, reject…). */
  decision: { type: string } & Record<string, unknown>;
  /** Name of the rule that decided, or null when the default action applied. */
  matchedRule: string | null;
  /** Whether the client was open at `at`. */
  open: boolean;
  /** Human-readable steps of the decision, in order. */
  reasons: string[];
  /** The engine's full preview: local time, caller flags, decisions at start and after the menu. */
  detail?: RoutePreview;
};

export type RoutePreviewer = (profile: ClientProfile, input: RoutePreviewInput) => RoutePreviewSummary;

/** The engine's own preview: the decision comes from running the real engine on a simulated call. */
export const engineRoutePreviewer: RoutePreviewer = (profile, input) => {
  const preview = previewRoute(profile, input);
  const final = preview.afterMenu ?? preview.atStart;
  return {
    decision: { type: final.decision },
    matchedRule: final.rule?.name ?? null,
    open: preview.open,
    reasons: [preview.atStart.reason, ...(preview.afterMenu ? [preview.afterMenu.reason] : [])],
    detail: preview,
  };
};
