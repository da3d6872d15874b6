// What the planner's map reads (the projects to choose from, one project with its progress, and its
// relocation map) and the one change it makes: a move's status.

import type { Client } from 'urql';

import { allNodes } from '../../client';
import { graphql } from '../../gql';
import type { PlanChoicesQuery, PlanProjectQuery } from '../../gql/graphql';

const CHOICES = graphql(`
  query PlanChoices($after: String) {
    projects(first: 100, after: $after, filter: { kinds: [RELOCATION, RENOVATION] }) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        kind
        startDate
      }
    }
  }
`);

export const PROJECT = graphql(`
  query PlanProject($id: ID!) {
    project(id: $id) {
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
      observations {
        id
        indicator
        label
        unit
        display
        source
      }
      meetings {
        id
        title
        kind
        heldOn
        decision
      }
      daysTaken
      compoundsRelocated
      landFreedMu
      unitsRelocated
      meetingCount
      progress {
        unitsMoved
        unitsTotal
        movesDone
        movesTotal
        daysUsed
        daysPlanned
        landFreedMu
        landTotalMu
        blocked {
          id
          note
          unit {
            name
          }
          from {
            name
          }
        }
      }
    }
  }
`);

/** A planner's change of one move's status; a refusal comes back as userErrors in Chinese. */
export const UPDATE_MOVE = graphql(`
  mutation PlanUpdateMove($input: UpdateMoveInput!) {
    updateMove(input: $input) {
      move {
        id
        status
        movedOn
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RELOCATION_MAP = graphql(`
  query PlanRelocationMap($id: ID!) {
    relocationMap(project: $id)
  }
`);

export type Choice = PlanChoicesQuery['projects']['nodes'][number];
export type PlanProject = NonNullable<PlanProjectQuery['project']>;

/** Every relocation and renovation project, for the chooser. */
export function loadChoices(client: Client): Promise<Choice[]> {
  return allNodes(client, CHOICES, { after: null }, (data) => data.projects);
}

/** The name of the project shown when none is chosen: the 东辛 relocation of the documents. */
export const DEFAULT_PROJECT_NAME = '东辛片区改造提升直属单位应急搬迁';

/** The chosen project, else the 东辛 relocation, else the first relocation, else the first. */
export function defaultChoice(choices: Choice[], requested: string | null): Choice | undefined {
  return (
    choices.find((c) => c.id === requested) ??
    choices.find((c) => c.name === DEFAULT_PROJECT_NAME) ??
    choices.find((c) => c.kind === 'RELOCATION') ??
    choices[0]
  );
}
