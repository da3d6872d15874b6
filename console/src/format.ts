// Numbers, shares and dates as a Chinese reader reads them.

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
const moment = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Shanghai',
});

export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function amount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

export function share(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : percent.format(value);
}

/** A Date scalar (`2024-05-01`) as 2024年5月1日, read as the calendar day it names. */
export function date(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = value.split('-').map(Number);
  return day.format(new Date(y, m - 1, d));
}

/** A DateTime scalar in Beijing time. */
export function dateTime(value: string | null | undefined): string {
  return value ? moment.format(new Date(value)) : '—';
}
