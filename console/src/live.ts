// Subscriptions over graphql-transport-ws: the bearer rides in connection_init, and a dropped
// stream is taken up again from the last seq it delivered, so no issue event is missed.

import type { TypedDocumentNode } from '@urql/core';
import { print } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';

/** Whether the socket is up: connecting, live, offline (retrying) or refused for good. */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'refused';

/** One open subscription; `stop` ends it and its retries. */
export interface Stream {
  stop: () => void;
}

/** The socket of one signed-in principal and the streams running over it. */
export interface Live {
  status: () => LiveStatus;
  onStatus: (listener: (status: LiveStatus) => void) => () => void;
  /** A stream that resumes with `afterSeq` (the last seq seen) after every drop; seqs arrive once. */
  sequenced: <Data, Variables extends { afterSeq?: number | null }>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Omit<Variables, 'afterSeq'>,
    seqOf: (data: Data) => number,
    next: (data: Data) => void,
  ) => Stream;
  /** A stream without a sequence (alerts): resubscribed after a drop, missing what fell between. */
  plain: <Data, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    next: (data: Data) => void,
  ) => Stream;
  close: () => void;
}

/** The subscription endpoint beside the page: ws or wss, same host, /graphql. */
export function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/graphql`;
}

// Close codes after which retrying cannot help: 4403 and 4401 refuse the token itself.
const FATAL_CLOSES = new Set([4400, 4401, 4403]);
const RETRY_MS = [500, 1000, 2000, 5000, 10000];

/** Open the socket for a bearer token; nothing connects until the first stream starts. */
export function openLive(token: string): Live {
  let status: LiveStatus = 'connecting';
  const listeners = new Set<(status: LiveStatus) => void>();
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    listeners.forEach((listener) => listener(next));
  };
  const client: Client = createClient({
    url: liveUrl(),
    connectionParams: { Authorization: `Bearer ${token}` },
    lazy: true,
    // Retries are ours, so every resubscription carries the afterSeq it needs.
    retryAttempts: 0,
    on: {
      connecting: () => setStatus('connecting'),
      connected: () => setStatus('live'),
      closed: (event) => {
        const code = (event as CloseEvent | undefined)?.code;
        setStatus(code !== undefined && FATAL_CLOSES.has(code) ? 'refused' : 'offline');
      },
    },
  });

  /** Subscribe, and subscribe again after a drop until stopped; `payload` is asked each time. */
  function run<Data>(
    payload: () => { query: string; variables: Record<string, unknown> },
    next: (data: Data) => void,
    resumeFrom: (error: readonly GraphQLFormattedError[]) => void = () => {},
  ): Stream {
    let stopped = false;
    let attempt = 0;
    let timer: number | undefined;
    let unsubscribe: (() => void) | undefined;
    const again = () => {
      if (stopped) return;
      const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      attempt += 1;
      timer = window.setTimeout(start, wait);
    };
    const start = () => {
      if (stopped) return;
      unsubscribe = client.subscribe<Data>(payload(), {
        next: (result) => {
          attempt = 0;
          if (result.data) next(result.data as Data);
        },
        error: (error) => {
          if (Array.isArray(error)) {
            // A refusal in the protocol: only a subscriber that fell behind may ask again.
            const errors = error as readonly GraphQLFormattedError[];
            if (errors.some((item) => item.extensions?.code === 'LIMIT_EXCEEDED')) {
              resumeFrom(errors);
              again();
            } else {
              setStatus('refused');
            }
            return;
          }
          const code = (error as CloseEvent | undefined)?.code;
          if (code !== undefined && FATAL_CLOSES.has(code)) {
            setStatus('refused');
            return;
          }
          setStatus('offline');
          again();
        },
        // The server ends a stream only when it goes away: take it up again.
        complete: again,
      });
    };
    start();
    return {
      stop: () => {
        stopped = true;
        window.clearTimeout(timer);
        unsubscribe?.();
      },
    };
  }

  return {
    status: () => status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sequenced: (document, variables, seqOf, next) => {
      let last: number | null = null;
      const query = print(document);
      return run<Parameters<typeof next>[0]>(
        () => ({ query, variables: { ...variables, afterSeq: last } }),
        (data) => {
          const seq = seqOf(data);
          // A stream taken up again may repeat what the old one delivered as it went down.
          if (last !== null && seq <= last) return;
          last = seq;
          next(data);
        },
        (errors) => {
          const lastSeq = errors.map((item) => item.extensions?.lastSeq).find(Number.isInteger);
          if (typeof lastSeq === 'number' && (last === null || lastSeq > last)) last = lastSeq;
        },
      );
    },
    plain: (document, variables, next) => {
      const query = print(document);
      return run(() => ({ query, variables }), next);
    },
    close: () => {
      listeners.clear();
      void client.dispose();
    },
  };
}
