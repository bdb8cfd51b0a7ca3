/**
 * ECharts' server-side rendering, then the SVG made fit to sit inline in a page under the house CSP
 * (`style-src 'self'`): no <style> element, no style attribute (the text's font moves to presentation
 * attributes, which the CSP does not govern), no hover classes or ECharts bookkeeping; an image role
 * and the title for assistive technology.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ChartSize } from './types';

/** ECharts' SVG as it renders it: a fresh instance per chart, disposed at once (nothing shared between calls). */
export function renderEcharts(option: EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** The text properties ECharts writes in `style`, as SVG presentation attributes. */
const FONT_PROPERTIES = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'font-variant']);

function styleToAttributes(style: string, fontFamily: string): string {
  return style
    .split(';')
    .map((declaration) => {
      const at = declaration.indexOf(':');
      const name = declaration.slice(0, at).trim().toLowerCase();
      const value = declaration.slice(at + 1).trim();
      // Anything else would be blocked by the page's CSP anyway; ECharts writes only fonts on text.
      // The root carries the usual family once; a text repeats it only when it differs.
      if (name === 'font-family' && value === fontFamily) return '';
      return at > 0 && FONT_PROPERTIES.has(name) && value ? ` ${name}="${escapeXml(value)}"` : '';
    })
    .join('');
}

/** ECharts' SVG made inline-safe, titled `title`, its texts in `fontFamily` unless they say otherwise. */
export function cleanSvg(svg: string, title: string, fontFamily: string): string {
  const label = escapeXml(title);
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/ (?:class|ecmeta_[a-z_]+|pointer-events)="[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, (_, style: string) =>
      styleToAttributes(style.replace(/&quot;/g, '"'), fontFamily),
    )
    .replace(
      /<svg\b([^>]*)>/,
      `<svg$1 font-family="${escapeXml(fontFamily)}" role="img" aria-label="${label}"><title>${label}</title>`,
    );
}
