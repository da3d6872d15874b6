// The GraphQL client: the bearer on every request, and whole Relay connections on demand.

import { Client, cacheExchange, fetchExchange } from '@urql/core';
import type { AnyVariables, TypedDocumentNode } from '@urql/core';

import type { Session } from './session';

export function clientFor(session: Session): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${session.token}` } }),
  });
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Every node of a connection, page by page along its cursors: `pick` finds the connection in a
 * page's data, and the query takes `$after`.
 */
export async function allNodes<Data, Variables extends AnyVariables, T>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => Connection<T>,
  limit = 5000,
): Promise<T[]> {
  const found: T[] = [];
  let after: string | null | undefined = null;
  do {
    const result = await client
      .query(document, { ...variables, after } as Variables, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    if (!result.data) break;
    const page = pick(result.data);
    found.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && found.length < limit);
  return found;
}
