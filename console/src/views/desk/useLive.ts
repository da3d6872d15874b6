// The desk's live feed: issue events and overdue alerts over one socket, coalesced into pulses.

import { useEffect, useRef, useState } from 'react';

import type { DeskOverdueAlertsSubscription, IssueState } from '../../gql/graphql';
import { openLive } from '../../live';
import type { LiveStatus } from '../../live';
import { ISSUE_EVENTS, OVERDUE_ALERTS } from './queries';

/** The state an event moved an issue into, its seq, and when this page heard of it. */
export interface LiveState {
  state: IssueState;
  seq: number;
  at: number;
}

/**
 * Something moved: `issues` were stepped (all of them when `all`, after a reconnect); `states`
 * holds each issue's latest event, to show before a refetch answers.
 */
export interface Pulse {
  n: number;
  issues: ReadonlySet<string>;
  all: boolean;
  states: ReadonlyMap<string, LiveState>;
}

export type Alert = NonNullable<DeskOverdueAlertsSubscription['overdueAlerts']>;

// Events replayed after a reconnect come in a burst: one refetch for the lot.
const COALESCE_MS = 30;
// The latest events remembered per issue; older ones are read back from the service.
const REMEMBERED = 1000;

/** Subscribe for as long as the desk shows; the server's access rules pick what arrives. */
export function useLive(token: string, onAlert: (alert: Alert) => void) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [pulse, setPulse] = useState<Pulse>({
    n: 0,
    issues: new Set(),
    all: false,
    states: new Map(),
  });
  // The socket follows the token alone; a new alert handler must not reconnect it.
  const alertHandler = useRef(onAlert);
  useEffect(() => {
    alertHandler.current = onAlert;
  });
  useEffect(() => {
    const live = openLive(token);
    const known = new Map<string, LiveState>();
    let pending: Set<string> | null = null;
    let pendingAll = false;
    let timer: number | undefined;
    const flush = () => {
      const issues = pending ?? new Set<string>();
      const all = pendingAll;
      pending = null;
      pendingAll = false;
      timer = undefined;
      const states = new Map(known);
      setPulse((last) => ({ n: last.n + 1, issues, all, states }));
    };
    const touch = (issue: string | null, all = false) => {
      pending ??= new Set();
      if (issue) pending.add(issue);
      pendingAll ||= all;
      timer ??= window.setTimeout(flush, COALESCE_MS);
    };
    const unlisten = live.onStatus((next) => {
      setStatus(next);
      // Connected, first or again: what changed before the stream began is read afresh.
      if (next === 'live') touch(null, true);
    });
    const events = live.sequenced(
      ISSUE_EVENTS,
      {},
      (data) => data.issueEvents.seq,
      (data) => {
        const event = data.issueEvents;
        if (event.issue) {
          known.delete(event.issue.id);
          known.set(event.issue.id, { state: event.toState, seq: event.seq, at: Date.now() });
          if (known.size > REMEMBERED) known.delete(known.keys().next().value as string);
        }
        touch(event.issue?.id ?? null, event.issue === null);
      },
    );
    const alerts = live.plain(OVERDUE_ALERTS, {}, (data) => {
      alertHandler.current(data.overdueAlerts);
      touch(data.overdueAlerts.issue?.id ?? null);
    });
    return () => {
      events.stop();
      alerts.stop();
      unlisten();
      window.clearTimeout(timer);
      live.close();
    };
  }, [token]);
  return { status, pulse };
}
