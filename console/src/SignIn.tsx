import { useState } from 'react';

import { keepToken, sessionOf } from './session';
import type { Session } from './session';

const CHECK = JSON.stringify({ query: 'query SignInCheck { stats { communities } }' });

/** Sign in with a bearer token, checked against the service before it is kept. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const session = sessionOf(token);
    if (session === null) {
      setProblem('这不是有效的连心令牌：请粘贴管理员发给您的完整令牌（三段，以“.”分隔）。');
      return;
    }
    if (session.expiresAt !== null && session.expiresAt <= new Date()) {
      setProblem('该令牌已过期，请向管理员申请新令牌。');
      return;
    }
    setBusy(true);
    try {
      const answer = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: CHECK,
      });
      if (answer.status === 401) {
        setProblem('服务不认可该令牌：它可能来自另一套连心服务，或已被更换，请向管理员申请新令牌。');
        return;
      }
      if (!answer.ok) {
        setProblem(`服务暂时无法登录（HTTP ${answer.status}），请稍后重试。`);
        return;
      }
      keepToken(session.token);
      onSignedIn(session);
    } catch {
      setProblem('无法连接连心服务，请检查网络或稍后重试。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>连心 · 服务协调中心</h1>
        <p>请粘贴访问令牌登录。令牌由管理员用 <code>lianxin token --role …</code> 签发；
          <code>make serve</code> 启动时会打印一个已登录的管理员链接。</p>
        <label>
          访问令牌
          <textarea
            name="token"
            rows={4}
            value={token}
            onChange={(event) => setToken(event.target.value)}
            placeholder="eyJhbGciOi…"
          />
        </label>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? '正在验证…' : '登录'}
        </button>
      </form>
    </div>
  );
}
