// Chart options for the three rates of many groups: grouped bars by place, lines by month.

import type { ChartOption } from '../../charts/echarts';
import { count } from '../../format';
import { THREE_RATES, plotted, rateText } from './rates';
import type { RateCounts, RateField } from './rates';

/** A group's name, size and three rates, as impact gives them. */
export type RatedGroup = { key: string; name: string; received: number } & Record<RateField, RateCounts>;

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The tooltip of one group: its name, issues received and each rate with its counts. */
export function groupTooltip(group: RatedGroup, title = group.name): string {
  const lines = THREE_RATES.map(
    (rate) =>
      `<div><span class="dot" style="background:${rate.color}"></span>${escape(rateText(rate.name, group[rate.field]))}</div>`,
  );
  return `<strong>${escape(title)}</strong><div class="muted">受理 ${count(group.received)} 件</div>${lines.join('')}`;
}

const percentAxis = {
  type: 'value' as const,
  min: 0,
  max: 1,
  axisLabel: { formatter: (value: number) => `${Math.round(value * 100)}%` },
};

/** Grouped bars of the three rates, one group of bars per community or organization. */
export function groupedBars(groups: RatedGroup[]): ChartOption {
  return {
    animation: false,
    color: THREE_RATES.map((rate) => rate.color),
    legend: { top: 0, data: THREE_RATES.map((rate) => rate.name) },
    grid: { left: 48, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      className: 'rate-tooltip',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        return groupTooltip(groups[first.dataIndex]);
      },
    },
    xAxis: {
      type: 'category',
      data: groups.map((group) => group.name),
      axisLabel: { interval: 0, rotate: 50, fontSize: 11 },
    },
    yAxis: percentAxis,
    series: THREE_RATES.map((rate) => ({
      type: 'bar',
      name: rate.name,
      barGap: '10%',
      data: groups.map((group) => plotted(group[rate.field])),
    })),
  };
}

/** The three rates month by month, a gap where a month counted nothing. */
export function monthLines(groups: RatedGroup[]): ChartOption {
  const monthName = (key: string) => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
  return {
    animation: false,
    color: THREE_RATES.map((rate) => rate.color),
    legend: { top: 0, data: THREE_RATES.map((rate) => rate.name) },
    grid: { left: 48, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      className: 'rate-tooltip',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
        const group = groups[first.dataIndex];
        return groupTooltip(group, monthName(group.key));
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: groups.map((group) => monthName(group.key)) },
    yAxis: percentAxis,
    series: THREE_RATES.map((rate) => ({
      type: 'line',
      name: rate.name,
      showSymbol: groups.length <= 24,
      connectNulls: false,
      data: groups.map((group) => plotted(group[rate.field])),
    })),
  };
}
