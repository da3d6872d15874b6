// What the coverage page asks: the latest visit made, and one period's coverage.

import { graphql } from '../../gql';
import type { CoverageQuery } from '../../gql/graphql';

/** The newest visit made: its quarter is the page's first period. */
export const LATEST_VISIT = graphql(`
  query LatestVisit {
    visits(first: 1, filter: { statuses: [DONE] }) {
      nodes {
        id
        visitedOn
      }
    }
  }
`);

export const COVERAGE = graphql(`
  query Coverage($period: PeriodInput!) {
    coverage(period: $period) {
      from
      to
      units
      contacted
      uncovered
      rate
      byCommunity {
        units
        contacted
        community {
          id
          name
        }
        uncovered {
          id
          name
        }
      }
      byGroup {
        visits
        contacted
        memberTimes
        group {
          id
          name
        }
      }
    }
  }
`);

export type CoverageAnswer = CoverageQuery['coverage'];
export type CommunityRow = CoverageAnswer['byCommunity'][number];

/** A community's share of its units reached; null with none. */
export function rateOf(row: { units: number; contacted: number }): number | null {
  return row.units > 0 ? row.contacted / row.units : null;
}

/** The colour of a coverage rate on the map and in the legend; grey for no units. */
export function rateColour(rate: number | null): string {
  if (rate === null) return '#d0d5db';
  if (rate >= 1) return '#2e8b57';
  if (rate >= 0.8) return '#9acd32';
  if (rate >= 0.5) return '#f0a030';
  return '#d9534f';
}

export const RATE_LEGEND = [
  { colour: rateColour(1), label: '全部覆盖' },
  { colour: rateColour(0.8), label: '80%及以上' },
  { colour: rateColour(0.5), label: '50%—80%' },
  { colour: rateColour(0), label: '不足50%' },
  { colour: rateColour(null), label: '无区域单位' },
];
