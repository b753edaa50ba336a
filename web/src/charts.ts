import uPlot from 'uplot'

/** A time-series line chart (uPlot): x in unix seconds, one line per series; nulls leave gaps. */
export function lineChart(
  el: HTMLElement,
  xs: number[],
  series: { label: string; values: (number | null)[]; color: string; scale?: string }[],
  opts: { yFormat?: (v: number) => string; height?: number } = {},
): uPlot {
  el.innerHTML = ''
  const width = Math.max(280, el.clientWidth || 600)
  const fmt = opts.yFormat ?? ((v: number) => String(v))
  const plot = new uPlot(
    {
      width,
      height: opts.height ?? 240,
      series: [
        {},
        ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, scale: s.scale ?? 'y', spanGaps: false })),
      ],
      axes: [{}, { values: (_u: uPlot, vals: number[]) => vals.map(fmt), size: 70 }],
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
