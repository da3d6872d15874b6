// The desk's GraphQL documents: the queue, the issue, the routing answer, the steps, the streams.

import { graphql } from '../../gql';

// A row of the queue, whether it lists issues or overdue issues.
graphql(`
  fragment DeskQueueIssue on Issue {
    id
    title
    state
    channel
    reportedAt
    isOverdue
    lateByHours
    supervised
    category {
      id
      name
    }
    area {
      id
      name
    }
    assignments {
      role
      organization {
        id
        name
      }
    }
  }
`);

export const QUEUE = graphql(`
  query DeskQueue($filter: IssueFilter, $orderBy: [IssueOrder!], $after: String) {
    issues(first: 20, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...DeskQueueIssue
      }
    }
  }
`);

export const OVERDUE_QUEUE = graphql(`
  query DeskOverdueQueue($area: ID, $category: ID, $after: String) {
    overdueIssues(first: 20, after: $after, area: $area, category: $category) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...DeskQueueIssue
      }
    }
  }
`);

// One request for every state's count: 13 aliases, under the service's limit of 30.
export const COUNTS = graphql(`
  query DeskCounts($area: ID, $category: ID) {
    RECEIVED: issues(first: 1, filter: { states: [RECEIVED], area: $area, category: $category }) {
      totalCount
    }
    VERIFYING: issues(first: 1, filter: { states: [VERIFYING], area: $area, category: $category }) {
      totalCount
    }
    DISPATCHED: issues(
      first: 1
      filter: { states: [DISPATCHED], area: $area, category: $category }
    ) {
      totalCount
    }
    ACCEPTED: issues(first: 1, filter: { states: [ACCEPTED], area: $area, category: $category }) {
      totalCount
    }
    IN_PROGRESS: issues(
      first: 1
      filter: { states: [IN_PROGRESS], area: $area, category: $category }
    ) {
      totalCount
    }
    ESCALATED: issues(first: 1, filter: { states: [ESCALATED], area: $area, category: $category }) {
      totalCount
    }
    RESOLVED: issues(first: 1, filter: { states: [RESOLVED], area: $area, category: $category }) {
      totalCount
    }
    CLOSED: issues(first: 1, filter: { states: [CLOSED], area: $area, category: $category }) {
      totalCount
    }
    RETURNED: issues(first: 1, filter: { states: [RETURNED], area: $area, category: $category }) {
      totalCount
    }
    REOPENED: issues(first: 1, filter: { states: [REOPENED], area: $area, category: $category }) {
      totalCount
    }
    REJECTED: issues(first: 1, filter: { states: [REJECTED], area: $area, category: $category }) {
      totalCount
    }
    DUPLICATE: issues(first: 1, filter: { states: [DUPLICATE], area: $area, category: $category }) {
      totalCount
    }
    REFERRED_OUT: issues(
      first: 1
      filter: { states: [REFERRED_OUT], area: $area, category: $category }
    ) {
      totalCount
    }
  }
`);

export const OPTIONS = graphql(`
  query DeskOptions {
    communities(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
      }
    }
    categories(first: 100) {
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

export const ISSUE = graphql(`
  query DeskIssue($id: ID!) {
    node(id: $id) {
      __typename
      ... on Issue {
        id
        title
        description
        state
        channel
        receipt
        reportedAt
        respondedAt
        resolvedAt
        closedAt
        respondBy
        resolveBy
        isOverdue
        lateByHours
        overdueSince
        reopenCount
        satisfaction
        peopleAffected
        category {
          id
          name
        }
        area {
          id
          name
        }
        reporter {
          id
          name
          phone
        }
        assignments {
          role
          organization {
            id
            name
          }
          viaRule {
            id
            name
          }
        }
        events {
          id
          seq
          at
          fromState
          toState
          actor
          note
        }
        whistles {
          id
          blownAt
          reason
          summons {
            organization {
              id
              name
            }
            reportedAt
            dueAt
            level
            late
          }
        }
      }
    }
  }
`);

export const ROUTE = graphql(`
  query DeskRoute($id: ID!) {
    whoHandles(issue: $id) {
      fallback
      explanation
      responseHours
      resolveDays
      respondBy
      resolveBy
      viaRule {
        id
        name
      }
      lead {
        id
        name
      }
      assists {
        id
        name
      }
      community {
        id
        name
      }
      observers {
        id
        name
        phone
      }
      escalations {
        level
        afterHours
        dueAt
        organization {
          id
          name
        }
      }
      similarIssues {
        sameCommunity
        hoursTaken
        solvedBy {
          id
          name
        }
        issue {
          id
          title
          resolvedAt
        }
      }
    }
  }
`);

export const ORGANIZATIONS = graphql(`
  query DeskOrganizations($prefix: String) {
    organizations(
      first: 20
      filter: { namePrefix: $prefix }
      orderBy: { field: NAME, direction: ASC }
    ) {
      nodes {
        id
        name
      }
    }
  }
`);

export const ORIGINALS = graphql(`
  query DeskOriginals($prefix: String) {
    issues(first: 10, filter: { titlePrefix: $prefix }) {
      nodes {
        id
        title
        state
        reportedAt
      }
    }
  }
`);

export const ISSUE_EVENTS = graphql(`
  subscription DeskIssueEvents($afterSeq: Int) {
    issueEvents(afterSeq: $afterSeq) {
      seq
      at
      fromState
      toState
      actor
      issue {
        id
        title
        state
      }
    }
  }
`);

export const OVERDUE_ALERTS = graphql(`
  subscription DeskOverdueAlerts {
    overdueAlerts {
      deadline
      since
      issue {
        id
        title
        lateByHours
      }
    }
  }
`);

export const ACTORS = graphql(`
  query DeskActors($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Person {
        id
        name
      }
    }
  }
`);
