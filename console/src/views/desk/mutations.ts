// The lifecycle's mutations, each answering the new state or why it was refused.

import { graphql } from '../../gql';

// What every plain lifecycle step answers: the new state, or why it was refused.
graphql(`
  fragment DeskStepAnswer on IssuePayload {
    issue {
      id
      state
    }
    userErrors {
      field
      message
      code
    }
  }
`);

export const VERIFY = graphql(`
  mutation DeskVerify($id: ID!, $note: String, $step: String) {
    verifyIssue(id: $id, note: $note, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const DISPATCH = graphql(`
  mutation DeskDispatch($id: ID!, $organization: ID, $reason: String, $step: String) {
    dispatchIssue(id: $id, organization: $organization, reason: $reason, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const ACCEPT = graphql(`
  mutation DeskAccept($id: ID!, $note: String, $step: String) {
    acceptIssue(id: $id, note: $note, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const START = graphql(`
  mutation DeskStart($id: ID!, $note: String, $step: String) {
    startIssue(id: $id, note: $note, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const RESOLVE = graphql(`
  mutation DeskResolve($id: ID!, $note: String, $step: String) {
    resolveIssue(id: $id, note: $note, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const RETURN = graphql(`
  mutation DeskReturn($id: ID!, $reason: String!, $step: String) {
    returnIssue(id: $id, reason: $reason, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const ESCALATE = graphql(`
  mutation DeskEscalate(
    $id: ID!
    $reason: String!
    $organizations: [ID!]
    $hours: Int!
    $step: String
  ) {
    escalateIssue(
      id: $id
      reason: $reason
      organizations: $organizations
      reportWithinHours: $hours
      clientStepId: $step
    ) {
      issue {
        id
        state
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const REPORT_IN = graphql(`
  mutation DeskReportIn($whistle: ID!, $organization: ID!) {
    reportIn(whistle: $whistle, organization: $organization) {
      late
      whistle {
        id
        issue {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const FEEDBACK = graphql(`
  mutation DeskFeedback($id: ID!, $satisfaction: Int!, $comment: String, $step: String) {
    recordFeedback(id: $id, satisfaction: $satisfaction, comment: $comment, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const CLOSE = graphql(`
  mutation DeskClose($id: ID!, $note: String, $step: String) {
    closeIssue(id: $id, note: $note, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const REJECT = graphql(`
  mutation DeskReject($id: ID!, $reason: String!, $step: String) {
    rejectIssue(id: $id, reason: $reason, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const DUPLICATE = graphql(`
  mutation DeskDuplicate($id: ID!, $original: ID!, $step: String) {
    markDuplicate(id: $id, original: $original, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);

export const REFER_OUT = graphql(`
  mutation DeskReferOut($id: ID!, $to: String!, $reason: String!, $step: String) {
    referOut(id: $id, to: $to, reason: $reason, clientStepId: $step) {
      ...DeskStepAnswer
    }
  }
`);
