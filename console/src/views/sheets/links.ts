// What the sheets page knows of a link: where it is, and whether its code is still accepted.

import type { ConsoleIntakeLinksQuery } from '../../gql/graphql';

export type Link = ConsoleIntakeLinksQuery['intakeLinks']['nodes'][number];

/** The link's place name, or a dash when the place is gone. */
export function placeName(link: Link): string {
  const place = link.place;
  return place && 'name' in place ? place.name : '—';
}

/** Today in the service's zone, as a Date scalar, to compare with expiresOn. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Whether residents can still report through the link. */
export function usable(link: Link): boolean {
  return link.revokedAt == null && (link.expiresOn == null || link.expiresOn >= today());
}

/** The link's state in a word. */
export function stateOf(link: Link): string {
  if (link.revokedAt != null) return '已停用';
  return usable(link) ? '有效' : '已过期';
}
