import uPlot from 'uplot'
import { formatTick, formatValue, ROUND_STEPS } from './format'

/**
 * A time-series line chart (uPlot): x in unix seconds, one line per series; nulls leave gaps. The
 * y-axis ticks and the hover legend use the same formatter, ticks fall on round steps (1, 2, 5 × a
 * power of ten), and the axis is as wide as its longest label.
 */
const AXIS_FONT = '12px system-ui, sans-serif'
const TICK = 10
const GAP = 5
let measure: CanvasRenderingContext2D | null = null
/** a label's width in the axis font, measured as the canvas will draw it */
function textWidth(s: string): number {
  measure ??= document.createElement('canvas').getContext('2d')!
  measure.font = AXIS_FONT
  return measure.measureText(s).width
}

export function lineChart(
  el: HTMLElement,
  xs: number[],
  series: { label: string; values: (number | null)[]; color: string; scale?: string }[],
  opts: { unit?: 'percent' | 'hours' | 'plain'; height?: number } = {},
): uPlot {
  el.innerHTML = ''
  const width = Math.max(280, el.clientWidth || 600)
  const unit = opts.unit ?? 'plain'
  const plot = new uPlot(
    {
      width,
      height: opts.height ?? 240,
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          scale: s.scale ?? 'y',
          spanGaps: false,
          // the legend shows a hovered value as the axis does (a % axis gets a % legend)
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatValue(v, unit)),
        })),
      ],
      axes: [
        {},
        {
          incrs: ROUND_STEPS,
          values: (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) => {
            const labels = splits.map((v) => formatTick(v, incr, unit))
            el.dataset.yticks = labels.join('|') // the labels drawn, readable from the page (the browser test checks them)
            return labels
          },
          font: AXIS_FONT,
          // wide enough for the longest label as drawn (uPlot's fixed width cut "0.000035" to ").000035")
          size: (_u: uPlot, values: string[] | null) =>
            Math.max(40, Math.ceil(Math.max(0, ...(values ?? []).map(textWidth))) + TICK + GAP + 6),
          ticks: { size: TICK },
          gap: GAP,
        },
      ],
      scales: { x: { time: true } },
    },
    [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
    el,
  )
  // follow the container's width (phone and laptop)
  new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: opts.height ?? 240 })).observe(
    el,
  )
  return plot
}
