/**
 * Colours and type. Outcomes keep the Okabe–Ito hues (told apart with the common colour-vision
 * deficiencies), darkened where needed so every mark has at least 3:1 against the white background
 * (WCAG 1.4.11); the heat map is one sequential blue ramp, readable without hue.
 */
import type { ReportOutcome } from '../../domain/report-day';

export const BACKGROUND = '#ffffff';
export const TEXT = '#1a1a1a';
export const MUTED_TEXT = '#4a4a4a';
export const AXIS_LINE = '#767676';
export const SPLIT_LINE = '#e3e3e3';

export const OUTCOME_COLOURS: Record<ReportOutcome, string> = {
  transferred: '#0072b2',
  message: '#009e73',
  appointment: '#cc79a7',
  information: '#c08400',
  abandoned: '#767676',
  blocked: '#000000',
  failed: '#d55e00',
};

export const HANDLING_COLOUR = '#0072b2';

/** Zero, then the classes of the heat map from quiet to busy; labels switch to white from index 3. */
export const HEAT_RAMP = ['#f0f0f0', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;
export const HEAT_DARK_FROM = 3;

/**
 * Arial's metrics first: ECharts lays text out on the server with an Arial-like width table, so
 * labels fit when the reader's font has the same widths (Liberation Sans is metric-compatible; the
 * PNG renderer finds it or DejaVu Sans on a Debian machine).
 */
export const FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, 'DejaVu Sans', sans-serif";

/** WCAG contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
