// GraphiQL's fetcher for a token: queries over HTTP, subscriptions over graphql-ws, same origin.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import type { Fetcher } from '@graphiql/toolkit';

/** A fetcher sending `token`; `onRefused` hears of every 401, so the bar can say why. */
export function fetcherFor(token: string, onRefused: () => void): Fetcher {
  const bearer = `Bearer ${token}`;
  const watched: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401) onRefused();
    return response;
  };
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createGraphiQLFetcher({
    url: '/graphql',
    headers: { Authorization: bearer },
    fetch: watched,
    // The service answers single results; multipart delivery would only add a parser.
    enableIncrementalDelivery: false,
    subscriptionUrl: `${scheme}//${window.location.host}/graphql`,
    // The service reads the token from connection_init: a browser cannot set a socket's headers.
    wsConnectionParams: { Authorization: bearer },
  });
}
