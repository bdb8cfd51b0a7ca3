/**
 * The PNG of a chart (emails), rasterised with resvg from the same SVG the page shows. resvg reads
 * the machine's fonts through its own database (no fontconfig aliases), so the family is named: the
 * Arial-metric Liberation Sans, else DejaVu Sans — both come with Debian's fonts-liberation and
 * fonts-dejavu-core (Chromium pulls them in).
 */
import { Resvg, type RenderedImage } from '@resvg/resvg-js';
import { BACKGROUND } from './palette';

export const PNG_FONT_FAMILY = 'Liberation Sans';

/** The SVG as pixels, `width` wide (the height follows the viewBox). */
export function rasterise(svg: string, width: number): RenderedImage {
  // A new renderer (and font database) per image: nothing of one chart or locale outlives it.
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: BACKGROUND,
    font: { loadSystemFonts: true, defaultFontFamily: PNG_FONT_FAMILY, sansSerifFamily: PNG_FONT_FAMILY },
  });
  return resvg.render();
}

export const svgToPng = (svg: string, width: number): Buffer => rasterise(svg, width).asPng();
