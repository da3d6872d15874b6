// The basemap's data: the district, its 片区 and the handed-over communities, read whole.

import type { Client } from 'urql';

import { allNodes } from '../client';
import { graphql } from '../gql';
import type { MapAreasQuery, MapCommunitiesQuery } from '../gql/graphql';

const AREAS = graphql(`
  query MapAreas($after: String) {
    areas(first: 100, after: $after, filter: { levels: [DISTRICT, STREET] }) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        level
        lat
        lon
        parent {
          id
        }
      }
    }
  }
`);

const COMMUNITIES = graphql(`
  query MapCommunities($after: String) {
    communities(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        lat
        lon
        households
        handedOverOn
        parent {
          id
          name
        }
        observers {
          id
          name
          title
          phone
        }
      }
    }
  }
`);

export type MapArea = MapAreasQuery['areas']['nodes'][number];
export type MapCommunity = MapCommunitiesQuery['communities']['nodes'][number];

export interface BasemapData {
  district: MapArea | null;
  streets: MapArea[];
  communities: MapCommunity[];
  /** Each area's parent, by id: communities to 片区, 片区 to the district. */
  parentOf: Map<string, string>;
}

/** Read the district, its streets and every community. */
export async function loadBasemap(client: Client): Promise<BasemapData> {
  const [areas, communities] = await Promise.all([
    allNodes(client, AREAS, { after: null }, (data) => data.areas),
    allNodes(client, COMMUNITIES, { after: null }, (data) => data.communities),
  ]);
  const parentOf = new Map<string, string>();
  for (const area of areas) if (area.parent) parentOf.set(area.id, area.parent.id);
  for (const community of communities) {
    if (community.parent) parentOf.set(community.id, community.parent.id);
  }
  return {
    district: areas.find((area) => area.level === 'DISTRICT') ?? null,
    streets: areas.filter((area) => area.level === 'STREET'),
    communities,
    parentOf,
  };
}

/** The area and its ancestors, nearest first. */
export function lineage(areaId: string, parentOf: Map<string, string>): string[] {
  const chain = [areaId];
  let next = parentOf.get(areaId);
  while (next !== undefined && !chain.includes(next)) {
    chain.push(next);
    next = parentOf.get(next);
  }
  return chain;
}
