// Chinese names of the lifecycle's states, the intake channels and the deadlines.

import type { Channel, Deadline, IssueState } from '../../gql/graphql';

export const STATE_NAMES: Record<IssueState, string> = {
  RECEIVED: '已受理',
  VERIFYING: '核实中',
  DISPATCHED: '已派单',
  ACCEPTED: '已签收',
  IN_PROGRESS: '办理中',
  ESCALATED: '已吹哨',
  RESOLVED: '已办结',
  CLOSED: '已关闭',
  RETURNED: '已退单',
  REOPENED: '已重启整改',
  REJECTED: '不予受理',
  DUPLICATE: '重复问题',
  REFERRED_OUT: '已转出',
};

/** Every state, in the order the lifecycle runs through them. */
export const STATES = Object.keys(STATE_NAMES) as IssueState[];

export const CHANNEL_NAMES: Record<Channel, string> = {
  QR_CODE: '扫码反映',
  PHONE: '电话',
  ON_SITE: '现场',
  SUGGESTION_BOX: '意见箱',
  VISIT: '走访',
  OBSERVER: '幸福观察员',
  HOTLINE: '热线',
};

export const DEADLINE_NAMES: Record<Deadline, string> = {
  RESPONSE: '响应时限',
  RESOLUTION: '办结时限',
};
