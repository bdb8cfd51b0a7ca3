/** What every chart's ECharts option shares: a static picture (no animation, no hover), the type, the axes' look. */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ChartSize } from './types';
import { AXIS_LINE, BACKGROUND, FONT_FAMILY, MUTED_TEXT, SPLIT_LINE, TEXT } from './palette';

export const FONT_SIZE = 12;

export const baseOption = (): EChartsOption => ({
  animation: false,
  backgroundColor: BACKGROUND,
  textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT_SIZE, color: TEXT },
});

export const categoryAxisLook = {
  axisLine: { lineStyle: { color: AXIS_LINE } },
  axisTick: { alignWithLabel: true, lineStyle: { color: AXIS_LINE } },
  axisLabel: { color: MUTED_TEXT, hideOverlap: true },
} as const;

/** Counts are whole: no "0.5 call" ticks. */
export const countAxis = {
  type: 'value',
  minInterval: 1,
  axisLabel: { color: MUTED_TEXT },
  splitLine: { lineStyle: { color: SPLIT_LINE } },
} as const;

/** Series drawn once and never hovered: no emphasis state, so no hover CSS in the SVG. */
export const stillSeries = { silent: true, emphasis: { disabled: true } } as const;

/** An empty period: one readable line in the middle instead of axes with nothing on them. */
export function emptyOption(text: string): EChartsOption {
  return {
    ...baseOption(),
    graphic: {
      type: 'text',
      left: 'center',
      top: 'middle',
      silent: true,
      style: { text, fill: MUTED_TEXT, fontSize: 16, fontFamily: FONT_FAMILY },
    },
  };
}

/** A label's width as ECharts measures it on the server (no canvas: its Arial-like width table). */
export const textWidth = (text: string, fontSize = FONT_SIZE) =>
  echarts.format.getTextRect(text, `${fontSize}px ${FONT_FAMILY}`).width;

/**
 * How many lines a horizontal legend of these items wraps to (ECharts' box layout: an item goes to
 * the next line when it would cross the width less the legend's padding), so the grid starts below it.
 */
export function legendLines(labels: readonly string[], size: ChartSize, itemWidth: number, gap = 10): number {
  const room = size.width - 2 * 5;
  let lines = 1;
  let x = 0;
  for (const label of labels) {
    const w = itemWidth + 5 + textWidth(label);
    if (x > 0 && x + w > room) {
      lines += 1;
      x = 0;
    }
    x += w + gap;
  }
  return lines;
}
