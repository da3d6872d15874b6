import { useQuery } from 'urql';

import { dateTime } from '../../format';
import type { Issue } from './IssuePanel';
import { STATE_NAMES } from './labels';
import { ACTORS } from './queries';

// An actor is the token's subject: a person's key for staff, a service name otherwise.
const PERSON_KEY = /^person\/[\w.-]+$/;

/** The global ID of a person's key, as the service makes them (base64 of "Person:<key>"). */
function personId(key: string): string {
  return btoa(`Person:${key}`);
}

/** The issue's IssueEvents, oldest first: when, who (by name where a person), from → to, note. */
export function Timeline({ issue }: { issue: Issue }) {
  const keys = Array.from(
    new Set(issue.events.map((event) => event.actor ?? '').filter((a) => PERSON_KEY.test(a))),
  );
  const [people] = useQuery({
    query: ACTORS,
    variables: { ids: keys.map(personId) },
    pause: keys.length === 0,
  });
  const names = new Map<string, string>();
  for (const node of people.data?.nodes ?? []) {
    if (node?.__typename === 'Person' && 'name' in node) names.set(node.id, node.name);
  }
  const who = (actor: string | null | undefined) => {
    if (!actor) return '—';
    if (actor === 'system') return '系统';
    return PERSON_KEY.test(actor) ? (names.get(personId(actor)) ?? actor) : actor;
  };
  return (
    <ol className="desk-timeline" data-testid="timeline">
      {issue.events.map((event) => (
        <li key={event.id}>
          <time>{dateTime(event.at)}</time>
          <span className="desk-actor">{who(event.actor)}</span>
          <span>
            {event.fromState ? `${STATE_NAMES[event.fromState]} → ` : ''}
            {STATE_NAMES[event.toState]}
          </span>
          {event.note && <span className="desk-note-text">{event.note}</span>}
        </li>
      ))}
    </ol>
  );
}
