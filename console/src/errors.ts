// What a clerk reads when a request is refused: the service's extensions.code, in Chinese.

import type { CombinedError } from '@urql/core';

const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效或令牌无效，请重新登录。',
  FORBIDDEN: '当前角色无权进行此操作，请联系管理员。',
  NOT_FOUND: '未找到该记录，它可能已被删除，或您无权查看。',
  BAD_USER_INPUT: '输入有误，请检查后重试。',
  CONFLICT: '该记录已被他人修改，请刷新后重试。',
  LIMIT_EXCEEDED: '请求过大或过于频繁，请缩小范围或稍后重试。',
  UNAVAILABLE: '数据库暂时无法连接，请稍后重试；若持续出现，请联系运维人员。',
  INTERNAL: '服务内部出错，请稍后重试；若持续出现，请把错误编号告诉运维人员。',
};

/** The code of a failed request: its first GraphQL error's, or the HTTP status's. */
export function codeOf(error: CombinedError): string {
  for (const item of error.graphQLErrors) {
    const code = item.extensions?.code;
    if (typeof code === 'string') return code;
  }
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 503) return 'UNAVAILABLE';
  return error.networkError ? 'NETWORK' : 'INTERNAL';
}

/** One Chinese sentence saying what went wrong and what to do. */
export function explain(error: CombinedError): string {
  const code = codeOf(error);
  if (code === 'NETWORK') return '无法连接连心服务，请检查网络或稍后重试。';
  const requestId = error.graphQLErrors
    .map((item) => item.extensions?.requestId)
    .find((id) => typeof id === 'string');
  const message = MESSAGES[code] ?? MESSAGES.INTERNAL;
  return requestId ? `${message}（错误编号 ${requestId}）` : message;
}
