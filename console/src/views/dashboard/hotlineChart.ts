// The hotline's yearly volume as bars, with the documents' own figures beside the counts.

import type { ChartOption } from '../../charts/echarts';
import { count } from '../../format';
import type { Qualifier } from '../../gql/graphql';

/** A document's figure on hotline volume, as the service gives it. */
export interface VolumeFigure {
  indicator: string;
  label?: string | null;
  display: string;
  qualifier: Qualifier;
  value: number;
}

export interface YearVolume {
  year: number;
  issues: number;
}

/**
 * The year a document's figure speaks of: a "before" figure the first year counted, an "after"
 * figure the last; others no single year.
 */
export function yearOf(figure: VolumeFigure, years: YearVolume[]): number | null {
  if (years.length === 0) return null;
  if (figure.indicator.endsWith('_before')) return years[0].year;
  if (figure.indicator.endsWith('_after')) return years[years.length - 1].year;
  return null;
}

/** Whether the graph's count lies where the document's figure says the truth lies. */
export function agrees(figure: VolumeFigure, issues: number): boolean {
  switch (figure.qualifier) {
    case 'AT_LEAST':
      return issues >= figure.value;
    case 'LESS_THAN':
      return issues < figure.value;
    case 'APPROX':
      return Math.abs(issues - figure.value) <= figure.value * 0.1;
    default:
      return issues === figure.value;
  }
}

/** Bars per year labelled with the count, the document's figure under its year, and a line at each figure. */
export function hotlineBars(years: YearVolume[], figures: VolumeFigure[]): ChartOption {
  const displayOf = new Map<number, string>();
  for (const figure of figures) {
    const year = yearOf(figure, years);
    if (year !== null) displayOf.set(year, figure.display);
  }
  return {
    animation: false,
    color: ['#c0392b'],
    grid: { left: 16, right: 96, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      className: 'hotline-tooltip',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const row = years[first.dataIndex];
        const display = displayOf.get(row.year);
        return `<strong>${row.year}年</strong><div>12345热线诉求 ${count(row.issues)} 件</div>${display ? `<div>文件口径 ${display}</div>` : ''}`;
      },
    },
    xAxis: { type: 'category', data: years.map((row) => `${row.year}年`) },
    yAxis: { type: 'value', name: '件', axisLabel: { formatter: (value: number) => count(value) } },
    series: [
      {
        type: 'bar',
        name: '12345热线诉求',
        barWidth: '50%',
        data: years.map((row) => row.issues),
        label: {
          show: true,
          position: 'top',
          formatter: (params: { dataIndex: number }) => {
            const row = years[params.dataIndex];
            const display = displayOf.get(row.year);
            return display ? `${count(row.issues)}\n{doc|文件：${display}}` : count(row.issues);
          },
          rich: { doc: { color: '#7a4a00', fontSize: 12, lineHeight: 18 } },
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: '#7a4a00' },
          label: { position: 'end', formatter: '{b}', color: '#7a4a00' },
          data: figures.map((figure) => ({ name: `文件 ${figure.display}`, yAxis: figure.value })),
        },
      },
    ],
  };
}
