// Send one lifecycle step with a fresh clientStepId, and read its answer: the new state or a refusal.

import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core';

import { codeOf } from '../../errors';
import type { IssueState } from '../../gql/graphql';
import {
  ACCEPT,
  CLOSE,
  DISPATCH,
  DUPLICATE,
  ESCALATE,
  FEEDBACK,
  REFER_OUT,
  REJECT,
  RESOLVE,
  RETURN,
  START,
  VERIFY,
} from './mutations';
import { refusalOf, userErrorText } from './refusal';
import type { UserError } from './refusal';
import { newStepId } from './steps';
import type { Step } from './steps';

/** What a step's dialog gathered; each step reads the fields it needs. */
export interface StepInput {
  note?: string;
  reason?: string;
  organization?: string | null;
  organizations?: string[] | null;
  hours?: number;
  original?: string;
  to?: string;
  satisfaction?: number;
  comment?: string;
}

export type StepOutcome =
  { ok: true; state: IssueState | null } | { ok: false; message: string; stale: boolean };

interface Answer {
  data?: Record<
    string,
    { issue?: { state: IssueState } | null; userErrors: UserError[] } | undefined
  >;
  error?: CombinedError;
}

// How long to wait before sending a step whose answer was lost once more.
const RETRY_MS = 1000;

/** Send a mutation; a lost answer is asked again with the same clientStepId, never a new one. */
async function send<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Answer> {
  let answer = await client.mutation(document, variables).toPromise();
  // Taken once, a step retried with its clientStepId is not taken twice: the retry is safe.
  if (answer.error?.networkError) {
    await new Promise((resolve) => window.setTimeout(resolve, RETRY_MS));
    answer = await client.mutation(document, variables).toPromise();
  }
  return answer as unknown as Answer;
}

const blank = (text: string | undefined) => (text && text.trim() ? text.trim() : null);

/** Take `step` on the issue; a refusal comes back as Chinese text, never thrown. */
export async function takeStep(
  client: Client,
  step: Step,
  id: string,
  input: StepInput,
): Promise<StepOutcome> {
  const base = { id, step: newStepId() };
  const note = blank(input.note);
  const reason = blank(input.reason) ?? '';
  let answer: Answer;
  switch (step.kind) {
    case 'verify':
      answer = await send(client, VERIFY, { ...base, note });
      break;
    case 'dispatch':
      answer = await send(client, DISPATCH, {
        ...base,
        organization: input.organization ?? null,
        reason: blank(input.reason),
      });
      break;
    case 'accept':
      answer = await send(client, ACCEPT, { ...base, note });
      break;
    case 'start':
      answer = await send(client, START, { ...base, note });
      break;
    case 'resolve':
      answer = await send(client, RESOLVE, { ...base, note });
      break;
    case 'return':
      answer = await send(client, RETURN, { ...base, reason });
      break;
    case 'escalate':
      answer = await send(client, ESCALATE, {
        ...base,
        reason,
        organizations: input.organizations?.length ? input.organizations : null,
        hours: input.hours ?? 24,
      });
      break;
    case 'feedback':
      answer = await send(client, FEEDBACK, {
        ...base,
        satisfaction: input.satisfaction ?? 0,
        comment: blank(input.comment),
      });
      break;
    case 'close':
      answer = await send(client, CLOSE, { ...base, note });
      break;
    case 'reject':
      answer = await send(client, REJECT, { ...base, reason });
      break;
    case 'duplicate':
      answer = await send(client, DUPLICATE, { ...base, original: input.original ?? '' });
      break;
    case 'referOut':
      answer = await send(client, REFER_OUT, { ...base, to: blank(input.to) ?? '', reason });
      break;
  }
  if (answer.error) {
    const stale = ['ILLEGAL_TRANSITION', 'NOT_FOUND'].includes(codeOf(answer.error));
    return { ok: false, message: refusalOf(answer.error, step.label), stale };
  }
  const payload = answer.data ? Object.values(answer.data)[0] : undefined;
  if (payload?.userErrors.length) {
    return { ok: false, message: userErrorText(payload.userErrors), stale: false };
  }
  return { ok: true, state: payload?.issue?.state ?? null };
}
