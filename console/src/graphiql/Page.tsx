// The GraphiQL page: the token bar, and GraphiQL itself once there is a token to send.
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';

import { adoptTokenFromAddress, currentSession, forgetToken, keepToken } from '../session';
import { DEFAULT_QUERY } from './defaultQuery';
import { fetcherFor } from './fetcher';
import { NoToken } from './NoToken';
import { TokenBar } from './TokenBar';

/** The bar and GraphiQL, remounted with a new fetcher whenever the token changes. */
export function Page() {
  // The console's sign-in, kept in this browser, signs GraphiQL in too.
  const [token, setToken] = useState<string | null>(() => currentSession()?.token ?? null);
  const [refused, setRefused] = useState(false);
  const fetcher = useMemo(() => (token ? fetcherFor(token, () => setRefused(true)) : null), [token]);
  useEffect(() => {
    // A sign-in link opened while the page shows: the same page, another principal.
    const adopt = () => {
      if (!adoptTokenFromAddress()) return;
      setRefused(false);
      setToken(currentSession()?.token ?? null);
    };
    window.addEventListener('hashchange', adopt);
    return () => window.removeEventListener('hashchange', adopt);
  }, []);
  const use = (next: string) => {
    keepToken(next);
    setRefused(false);
    setToken(next);
  };
  const clear = () => {
    forgetToken();
    setRefused(false);
    setToken(null);
  };
  return (
    <div className="graphiql-page">
      {/* Keyed by the token: the field shows the token in use, whoever set it. */}
      <TokenBar key={token ?? ''} token={token} refused={refused} onUse={use} onClear={clear} />
      <main className="graphiql-body">
        {fetcher === null ? (
          <NoToken />
        ) : (
          // Keyed by the token: a new one loads its schema at once, no manual re-fetch.
          <GraphiQL key={token} fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
        )}
      </main>
    </div>
  );
}
