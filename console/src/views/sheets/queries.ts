// The sheets page's GraphQL: intake links, the places they may be made for, and the two changes.

import { graphql } from '../../gql';

export const LINKS = graphql(`
  query ConsoleIntakeLinks($after: String) {
    intakeLinks(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        key
        label
        createdAt
        expiresOn
        revokedAt
        code
        path
        place {
          __typename
          id
          ... on Area {
            name
          }
          ... on Organization {
            name
          }
        }
      }
    }
  }
`);

export const COMMUNITIES = graphql(`
  query ConsoleSheetCommunities($after: String) {
    communities(first: 100, after: $after, orderBy: { field: NAME }) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
      }
    }
  }
`);

export const LABOUR_TEAMS = graphql(`
  query ConsoleSheetLabourTeams($after: String) {
    organizations(
      first: 100
      after: $after
      filter: { kinds: [LABOR_TEAM] }
      orderBy: { field: NAME }
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
      }
    }
  }
`);

export const QR_CODES = graphql(`
  query ConsoleSheetQrCodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on IntakeLink {
        id
        qrSvg
      }
    }
  }
`);

export const CREATE = graphql(`
  mutation ConsoleCreateIntakeLink($input: CreateIntakeLinkInput!) {
    createIntakeLink(input: $input) {
      intakeLink {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const REVOKE = graphql(`
  mutation ConsoleRevokeIntakeLink($id: ID!) {
    revokeIntakeLink(id: $id) {
      intakeLink {
        id
        revokedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
