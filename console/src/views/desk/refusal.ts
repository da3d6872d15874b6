// Why a step was refused, in Chinese: the error's extensions.code, or the payload's userErrors.

import type { CombinedError } from '@urql/core';

import { codeOf, explain } from '../../errors';
import type { IssueState } from '../../gql/graphql';
import { STATE_NAMES } from './labels';

/** A payload's userError: the argument it names and its code. */
export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code: string;
}

// The arguments a step's userErrors name, and what the clerk should do about each.
const FIELD_MESSAGES: Record<string, string> = {
  reason: '请填写理由。',
  note: '备注过长，请精简后重试。',
  organization: '所选单位不存在或您无权查看，请重新选择；若无路由规则可用，请指定承办单位。',
  organizations: '所选吹哨单位不存在或您无权查看，请重新选择；若吹哨链已无下一级，请指定单位。',
  original: '所选原问题不存在或您无权查看，请重新选择。',
  to: '请填写转往的单位。',
  satisfaction: '评价须为1至5分。',
  comment: '评价说明过长，请精简后重试。',
  clientStepId: '该操作已提交过，请刷新后再试。',
};

/** One sentence for a step's refusal by the service (an error with extensions.code). */
export function refusalOf(error: CombinedError, stepLabel: string): string {
  if (codeOf(error) === 'ILLEGAL_TRANSITION') {
    const current = error.graphQLErrors
      .map((item) => item.extensions?.currentState)
      .find((state): state is IssueState => typeof state === 'string' && state in STATE_NAMES);
    const now = current ? `该问题现为「${STATE_NAMES[current]}」，` : '该问题的状态已变化，';
    return `${now}不能再「${stepLabel}」：可能已有他人处理，已为您刷新为最新状态。`;
  }
  return explain(error);
}

/** One sentence for a payload's userErrors; nothing was written. */
export function userErrorText(errors: readonly UserError[]): string {
  const sentences = errors.map((error) => {
    const field = error.field?.at(-1);
    return (field && FIELD_MESSAGES[field]) || '输入有误，请检查后重试。';
  });
  return Array.from(new Set(sentences)).join('');
}
