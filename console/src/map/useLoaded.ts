// Data read once per view with the urql client: whole connections, not a page at a time.

import type { CombinedError } from '@urql/core';
import { useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import { useClient } from 'urql';
import type { Client } from 'urql';

export interface Loaded<T> {
  data: T | null;
  error: CombinedError | null;
}

/** The result of `load`, re-run when `deps` change; a stale answer is dropped. */
export function useLoaded<T>(load: (client: Client) => Promise<T>, deps: DependencyList): Loaded<T> {
  const client = useClient();
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null });
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    load(client).then(
      (data) => current && setState({ data, error: null }),
      (error: CombinedError) => current && setState({ data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [client, ...deps]);
  return state;
}
