// The period a coverage is asked for: a quarter (每季一覆盖) or a month (每月一交流).

import type { PeriodInput } from '../../gql/graphql';

export const QUARTER_NAMES = ['一', '二', '三', '四'];

export type CoveragePeriod = { year: number; quarter: number } | { year: number; month: number };

/** The quarter a Date scalar (`2024-11-18`) falls in. */
export function quarterOf(day: string): CoveragePeriod {
  const [year, month] = day.split('-').map(Number);
  return { year, quarter: Math.ceil(month / 3) };
}

/** The period as the service's PeriodInput. */
export function asInput(period: CoveragePeriod): PeriodInput {
  return 'quarter' in period
    ? { year: period.year, quarter: period.quarter }
    : { year: period.year, month: period.month };
}

/** The part of the year as a chooser's value: q4, m11. */
export function partOf(period: CoveragePeriod): string {
  return 'quarter' in period ? `q${period.quarter}` : `m${period.month}`;
}

/** The period from a year and a chooser's value. */
export function periodOf(year: number, part: string): CoveragePeriod {
  const n = Number(part.slice(1));
  return part.startsWith('q') ? { year, quarter: n } : { year, month: n };
}

/** The period in words: 2024年第四季度, 2024年11月. */
export function periodName(period: CoveragePeriod): string {
  return 'quarter' in period
    ? `${period.year}年第${QUARTER_NAMES[period.quarter - 1]}季度`
    : `${period.year}年${period.month}月`;
}
