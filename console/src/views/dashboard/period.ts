// The window a leader looks at, as the from/to instants the service takes (Beijing time).

/** 全部, the last twelve months, or one calendar year. */
export type Period = { kind: 'all' } | { kind: 'recent' } | { kind: 'year'; year: number };

export interface Range {
  from: string | null;
  to: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Midnight at the start of a Beijing calendar day, as a DateTime. */
function beijingMidnight(year: number, month: number, day = 1): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T00:00:00+08:00`;
}

/** Today's year and month in Beijing, whatever the browser's zone. */
function beijingToday(now: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month') };
}

/** The instants a period spans; 近12个月 is this month and the eleven before it. */
export function rangeOf(period: Period, now = new Date()): Range {
  if (period.kind === 'year') {
    return { from: beijingMidnight(period.year, 1), to: beijingMidnight(period.year + 1, 1) };
  }
  if (period.kind === 'recent') {
    const today = beijingToday(now);
    return { from: beijingMidnight(today.year, today.month - 11), to: null };
  }
  return { from: null, to: null };
}

/** The period in words, for titles. */
export function periodName(period: Period): string {
  if (period.kind === 'year') return `${period.year}年`;
  return period.kind === 'recent' ? '近12个月' : '全部时间';
}
