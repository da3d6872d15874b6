// A move's status as the planner's map shows it: a Chinese name and a colour for its arrow.

import type { MoveStatus } from '../../gql/graphql';

export const MOVE_STATUSES: MoveStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'BLOCKED'];

export const MOVE_STATUS_NAMES: Record<MoveStatus, string> = {
  PLANNED: '计划中',
  IN_PROGRESS: '搬迁中',
  DONE: '已搬迁',
  BLOCKED: '受阻',
};

export const MOVE_STATUS_COLOURS: Record<MoveStatus, string> = {
  PLANNED: '#7f8c8d',
  IN_PROGRESS: '#e0761f',
  DONE: '#1e7b4f',
  BLOCKED: '#c0392b',
};

/** A status read from the map, else PLANNED: a move with no status has only been planned. */
export function statusOf(value: unknown): MoveStatus {
  return typeof value === 'string' && value in MOVE_STATUS_NAMES ? (value as MoveStatus) : 'PLANNED';
}
