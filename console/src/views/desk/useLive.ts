// The desk's live feed: issue events and overdue alerts over one socket, coalesced into pulses.

import { useEffect, useRef, useState } from 'react';

import type { DeskOverdueAlertsSubscription } from '../../gql/graphql';
import { openLive } from '../../live';
import type { LiveStatus } from '../../live';
import { ISSUE_EVENTS, OVERDUE_ALERTS } from './queries';

/** Something moved: `issues` were stepped (all of them when `all`, after a reconnect). */
export interface Pulse {
  n: number;
  issues: ReadonlySet<string>;
  all: boolean;
}

export type Alert = NonNullable<DeskOverdueAlertsSubscription['overdueAlerts']>;

// Events replayed after a reconnect come in a burst: one refetch for the lot.
const COALESCE_MS = 30;

/** Subscribe for as long as the desk shows; the server's access rules pick what arrives. */
export function useLive(token: string, onAlert: (alert: Alert) => void) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [pulse, setPulse] = useState<Pulse>({ n: 0, issues: new Set(), all: false });
  // The socket follows the token alone; a new alert handler must not reconnect it.
  const alertHandler = useRef(onAlert);
  useEffect(() => {
    alertHandler.current = onAlert;
  });
  useEffect(() => {
    const live = openLive(token);
    let pending: Set<string> | null = null;
    let pendingAll = false;
    let timer: number | undefined;
    const flush = () => {
      const issues = pending ?? new Set<string>();
      const all = pendingAll;
      pending = null;
      pendingAll = false;
      timer = undefined;
      setPulse((last) => ({ n: last.n + 1, issues, all }));
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
      (data) => touch(data.issueEvents.issue?.id ?? null, data.issueEvents.issue === null),
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
