import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { Translate } from '../messages';

/**
 * Series colours, each at least 3:1 against both the light and the dark
 * background (graphics contrast); console.css gives the legend's swatches
 * `.swatch.s0` … `.s5` the same colours.
 */
export const PALETTE = ['#1f77b4', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#a6761d'];

export interface ChartSeries {
  label: string;
  /** One value per x; null: no value (nothing to divide). */
  values: Array<number | null>;
}

export interface ChartProps {
  t: Translate;
  /** Unique on the page: the ids of the caption and the table derive from it. */
  id: string;
  /** The figure's caption and the table's caption. */
  title: string;
  /** One or two sentences saying what the picture shows: the chart's accessible name. */
  summary: string;
  /** `days`: x is a list of `YYYY-MM-DD` on a time axis, drawn as lines; `bars`: x is a list of names, with one or two series side by side. */
  kind: 'days' | 'bars';
  x: string[];
  series: ChartSeries[];
  /** `%`: the y axis runs 0 to 100. */
  unit?: '%';
}

const HEIGHT = 240;
const dayToSeconds = (day: string) => Date.parse(day + 'T00:00:00Z') / 1000;
const cell = (value: number | null, unit?: '%') => (value === null ? '—' : unit ? `${value} ${unit}` : String(value));

/** uPlot's options for one chart, in the page's text colour (light or dark scheme). */
function chartOptions(props: ChartProps, width: number, color: string): uPlot.Options {
  const bars = props.kind === 'bars';
  const grid = { stroke: 'rgba(128, 128, 128, 0.3)', width: 1 };
  // Two series stand on either side of their name; one stands on it.
  const pair = props.series.length === 2;
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: bars ? { time: false, range: [-0.5, props.x.length - 0.5] } : { time: true },
      y: { range: props.unit === '%' ? [0, 100] : (_u, _min, max) => [0, Math.max(1, max)] },
    },
    axes: [
      bars
        ? { stroke: color, grid: { show: false }, splits: () => props.x.map((_name, index) => index), values: (_u, splits) => splits.map((index) => props.x[index] ?? '') }
        : { stroke: color, grid },
      { stroke: color, grid, ...(props.unit === '%' ? { values: (_u, splits) => splits.map((v) => `${v} %`) } : {}) },
    ],
    series: [
      {},
      ...props.series.map((series, index): uPlot.Series => ({
        label: series.label,
        stroke: PALETTE[index % PALETTE.length]!,
        width: 2,
        ...(bars
          ? {
              fill: PALETTE[index % PALETTE.length]!,
              paths: uPlot.paths.bars!({ size: pair ? [0.4, 60] : [0.6, 80], align: pair ? (index === 0 ? -1 : 1) : 0 }),
              points: { show: false },
            }
          : { points: { show: true, size: 5 }, spanGaps: false }),
      })),
    ],
  };
}

/**
 * A chart drawn by uPlot, as a figure with a caption, a legend, and its
 * figures as a table in a <details> for those who read rather than look (and
 * for screen readers: the canvas is one image named by `summary`).
 */
export function Chart(props: ChartProps) {
  const { t } = props;
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current!;
    const xs = props.kind === 'bars' ? props.x.map((_name, index) => index) : props.x.map(dayToSeconds);
    const data = [xs, ...props.series.map((series) => series.values)] as uPlot.AlignedData;
    const width = () => Math.max(280, Math.min(element.clientWidth || 640, 960));
    const plot = new uPlot(chartOptions(props, width(), getComputedStyle(element).color), data, element);
    const resized = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify([props.kind, props.x, props.series, props.unit])]);

  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>
        <strong>{props.title}</strong> {props.summary}
      </figcaption>
      <div class="plot" role="img" aria-label={props.summary} ref={holder} />
      <ul class="legend" aria-label={t('legend', { title: props.title })}>
        {props.series.map((series, index) => (
          <li key={index}>
            <span class={`swatch s${index % PALETTE.length}`} aria-hidden="true" />
            {series.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('dataTable', { title: props.title })}</summary>
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.kind === 'days' ? t('day') : t('key')}</th>
              {props.series.map((series, index) => <th key={index} scope="col">{series.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.x.map((name, row) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {props.series.map((series, index) => <td key={index}>{cell(series.values[row] ?? null, props.unit)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
