import uPlot from 'uplot'
import { formatTick, formatValue, ROUND_STEPS } from './format'

/**
 * A time-series line chart (uPlot): x in unix seconds, one line per series; nulls leave gaps. The
 * y-axis ticks and the hover legend use the same formatter, ticks fall on round steps (1, 2, 5 × a
 * power of ten), and the axis is as wide as its longest label.
 */
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
          values: (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) =>
            splits.map((v) => formatTick(v, incr, unit)),
          // wide enough for the longest label (uPlot's fixed width cut "0.000035" to ").000035")
          size: (_u: uPlot, values: string[] | null) =>
            Math.max(40, 14 + 7 * Math.max(0, ...(values ?? []).map((v) => v.length))),
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
