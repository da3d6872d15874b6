// The lifecycle's steps as the desk offers them: which state may follow which, and who may move it.

import type { IssueState } from '../../gql/graphql';
import type { Role } from '../../session';

/**
 * Which state may follow which: a copy of TRANSITIONS in the server's resolvers/lifecycle.py
 * (问题受理 → 审查核实 → 分类处理 → 结果反馈 → 整改提升, with 退单, 吹哨 and the exits).
 * The server decides; this copy only keeps buttons the server would refuse off the screen.
 */
export const TRANSITIONS: Record<IssueState, readonly IssueState[]> = {
  RECEIVED: ['VERIFYING', 'RESOLVED', 'DUPLICATE'],
  VERIFYING: ['DISPATCHED', 'REJECTED', 'DUPLICATE', 'REFERRED_OUT'],
  DISPATCHED: ['ACCEPTED', 'RETURNED'],
  RETURNED: ['DISPATCHED'],
  ACCEPTED: ['IN_PROGRESS'],
  IN_PROGRESS: ['ESCALATED', 'RESOLVED'],
  ESCALATED: ['IN_PROGRESS'],
  RESOLVED: ['CLOSED', 'REOPENED'],
  REOPENED: ['IN_PROGRESS'],
  CLOSED: [],
  REJECTED: [],
  DUPLICATE: [],
  REFERRED_OUT: [],
};

// Who may take the steps: ALLOWED in the server's resolvers/access/principal.py.
const HANDLERS: readonly Role[] = ['ADMIN', 'COORDINATOR'];
const RATERS: readonly Role[] = ['ADMIN', 'COORDINATOR', 'OBSERVER'];

/** The steps, one per mutation. */
export type StepKind =
  | 'verify'
  | 'dispatch'
  | 'accept'
  | 'start'
  | 'resolve'
  | 'return'
  | 'escalate'
  | 'feedback'
  | 'close'
  | 'reject'
  | 'duplicate'
  | 'referOut';

/** What a step asks before it is sent: nothing but an optional note, or a dialog. */
export type Asks = 'note' | 'dialog';

export interface Step {
  kind: StepKind;
  label: string;
  /** The states it moves an issue into; a rating closes or reopens. */
  targets: readonly IssueState[];
  roles: readonly Role[];
  asks: Asks;
  /** A step that ends the issue's handling, shown apart. */
  exit?: boolean;
}

export const STEPS: readonly Step[] = [
  { kind: 'verify', label: '核实', targets: ['VERIFYING'], roles: HANDLERS, asks: 'note' },
  { kind: 'dispatch', label: '派单', targets: ['DISPATCHED'], roles: HANDLERS, asks: 'dialog' },
  { kind: 'accept', label: '签收', targets: ['ACCEPTED'], roles: HANDLERS, asks: 'note' },
  { kind: 'start', label: '开始办理', targets: ['IN_PROGRESS'], roles: HANDLERS, asks: 'note' },
  { kind: 'resolve', label: '办结', targets: ['RESOLVED'], roles: HANDLERS, asks: 'note' },
  { kind: 'return', label: '退单', targets: ['RETURNED'], roles: HANDLERS, asks: 'dialog' },
  { kind: 'escalate', label: '吹哨', targets: ['ESCALATED'], roles: HANDLERS, asks: 'dialog' },
  {
    kind: 'feedback',
    label: '记录评价',
    targets: ['CLOSED', 'REOPENED'],
    roles: RATERS,
    asks: 'dialog',
  },
  { kind: 'close', label: '关闭', targets: ['CLOSED'], roles: HANDLERS, asks: 'note' },
  {
    kind: 'reject',
    label: '不予受理',
    targets: ['REJECTED'],
    roles: HANDLERS,
    asks: 'dialog',
    exit: true,
  },
  {
    kind: 'duplicate',
    label: '标记重复',
    targets: ['DUPLICATE'],
    roles: HANDLERS,
    asks: 'dialog',
    exit: true,
  },
  {
    kind: 'referOut',
    label: '转出',
    targets: ['REFERRED_OUT'],
    roles: HANDLERS,
    asks: 'dialog',
    exit: true,
  },
];

/** The steps the lifecycle allows from `state` that `role` may take, in lifecycle order. */
export function stepsFor(state: IssueState, role: Role): Step[] {
  const next = TRANSITIONS[state];
  return STEPS.filter(
    (step) => step.roles.includes(role) && step.targets.some((target) => next.includes(target)),
  );
}

/** A fresh clientStepId: a retry of the same click reuses it, every new step gets its own. */
export function newStepId(): string {
  // randomUUID exists only in secure contexts; an intranet served over plain http is not one.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
