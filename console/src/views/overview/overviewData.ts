// What the overview reads besides the basemap: every project, routing rule and category.

import type { Client } from 'urql';

import { allNodes } from '../../client';
import { graphql } from '../../gql';
import type {
  OverviewCategoriesQuery,
  OverviewProjectsQuery,
  OverviewRulesQuery,
} from '../../gql/graphql';

const PROJECTS = graphql(`
  query OverviewProjects($after: String) {
    projects(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        kind
        status
        startDate
        endDate
        peopleServed
        ledBy {
          id
          name
        }
        area {
          id
          name
          level
          lat
          lon
        }
        affects {
          id
          name
        }
      }
    }
  }
`);

const RULES = graphql(`
  query OverviewRules($after: String) {
    routingRules(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        priority
        validFrom
        validTo
        categories {
          id
          name
        }
        areas {
          id
        }
        lead {
          id
          name
        }
        assists {
          id
          name
        }
      }
    }
  }
`);

const CATEGORIES = graphql(`
  query OverviewCategories($after: String) {
    categories(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        parent {
          id
        }
      }
    }
  }
`);

export type OverviewProject = OverviewProjectsQuery['projects']['nodes'][number];
export type Rule = OverviewRulesQuery['routingRules']['nodes'][number];
export type Category = OverviewCategoriesQuery['categories']['nodes'][number];

export interface OverviewData {
  projects: OverviewProject[];
  rules: Rule[];
  categories: Category[];
}

/** Read every project, routing rule and category. */
export async function loadOverview(client: Client): Promise<OverviewData> {
  const [projects, rules, categories] = await Promise.all([
    allNodes(client, PROJECTS, { after: null }, (data) => data.projects),
    allNodes(client, RULES, { after: null }, (data) => data.routingRules),
    allNodes(client, CATEGORIES, { after: null }, (data) => data.categories),
  ]);
  return { projects, rules, categories };
}
