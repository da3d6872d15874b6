// Send one lifecycle step with a fresh clientStepId, and read its answer: the new state or a refusal.

import type { Client, CombinedError } from '@urql/core';

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
  | { ok: true; state: IssueState | null }
  | { ok: false; message: string; stale: boolean };

interface Answer {
  data?: Record<string, { issue?: { state: IssueState } | null; userErrors: UserError[] } | undefined>;
  error?: CombinedError;
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
      answer = await client.mutation(VERIFY, { ...base, note }).toPromise();
      break;
    case 'dispatch':
      answer = await client
        .mutation(DISPATCH, {
          ...base,
          organization: input.organization ?? null,
          reason: blank(input.reason),
        })
        .toPromise();
      break;
    case 'accept':
      answer = await client.mutation(ACCEPT, { ...base, note }).toPromise();
      break;
    case 'start':
      answer = await client.mutation(START, { ...base, note }).toPromise();
      break;
    case 'resolve':
      answer = await client.mutation(RESOLVE, { ...base, note }).toPromise();
      break;
    case 'return':
      answer = await client.mutation(RETURN, { ...base, reason }).toPromise();
      break;
    case 'escalate':
      answer = await client
        .mutation(ESCALATE, {
          ...base,
          reason,
          organizations: input.organizations?.length ? input.organizations : null,
          hours: input.hours ?? 24,
        })
        .toPromise();
      break;
    case 'feedback':
      answer = await client
        .mutation(FEEDBACK, {
          ...base,
          satisfaction: input.satisfaction ?? 0,
          comment: blank(input.comment),
        })
        .toPromise();
      break;
    case 'close':
      answer = await client.mutation(CLOSE, { ...base, note }).toPromise();
      break;
    case 'reject':
      answer = await client.mutation(REJECT, { ...base, reason }).toPromise();
      break;
    case 'duplicate':
      answer = await client.mutation(DUPLICATE, { ...base, original: input.original ?? '' }).toPromise();
      break;
    case 'referOut':
      answer = await client
        .mutation(REFER_OUT, { ...base, to: blank(input.to) ?? '', reason })
        .toPromise();
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
