// How late an overdue issue is, in days and hours as a clerk says it.

import { count } from '../../format';

/** Hours past a deadline as 超期 3天5小时 (minutes under an hour); empty when not late. */
export function lateness(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || hours <= 0) return '';
  if (hours < 1) return `超期 ${count(Math.max(1, Math.floor(hours * 60)))}分钟`;
  const days = Math.floor(hours / 24);
  const rest = Math.floor(hours - days * 24);
  if (days === 0) return `超期 ${count(rest)}小时`;
  return rest === 0 ? `超期 ${count(days)}天` : `超期 ${count(days)}天${count(rest)}小时`;
}
