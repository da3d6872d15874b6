// Refetching a query on demand without ever aborting one in flight.

import { useCallback, useEffect, useRef } from 'react';

type Refetch = (options: { requestPolicy: 'network-only' }) => void;

/**
 * A refetch that never cancels the fetch under way (a busy feed would otherwise keep a slow
 * query from ever answering): asked while fetching, it fetches once more when that one ends.
 */
export function useRefetch(fetching: boolean, refetch: Refetch): () => void {
  const pending = useRef(false);
  const inFlight = useRef(fetching);
  inFlight.current = fetching;
  const again = useRef(refetch);
  again.current = refetch;
  useEffect(() => {
    if (!fetching && pending.current) {
      pending.current = false;
      again.current({ requestPolicy: 'network-only' });
    }
  }, [fetching]);
  return useCallback(() => {
    if (inFlight.current) pending.current = true;
    else again.current({ requestPolicy: 'network-only' });
  }, []);
}
