// The calendar day in Beijing, where the centers are, whatever the browser's own zone.

/** Today's date in Beijing, as a Date scalar (`2026-11-29`). */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
