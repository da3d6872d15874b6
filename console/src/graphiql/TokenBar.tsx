// The bar above GraphiQL: the access token it sends, the role it carries, a way back.
import { useState } from 'react';
import type { FormEvent } from 'react';

import { ROLE_NAMES, sessionOf } from '../session';

interface Props {
  token: string | null;
  refused: boolean;
  onUse: (token: string) => void;
  onClear: () => void;
}

/** The 访问令牌 field with 使用 and 清除, the token's role, and the refusal when there was one. */
export function TokenBar({ token, refused, onUse, onClear }: Props) {
  const [draft, setDraft] = useState(token ?? '');
  const session = token === null ? null : sessionOf(token);
  const expired = session?.expiresAt != null && session.expiresAt <= new Date();
  const use = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() !== '') onUse(draft.trim());
  };
  const clear = () => {
    setDraft('');
    onClear();
  };
  return (
    <form className="tokenbar" onSubmit={use}>
      <span className="brand">连心 GraphiQL</span>
      <label>
        访问令牌
        <input
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="粘贴 Bearer 令牌"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </label>
      <button type="submit">使用</button>
      <button type="button" onClick={clear}>
        清除
      </button>
      <span className="who" data-testid="role">
        {session ? `角色：${ROLE_NAMES[session.role]}` : token ? '无法读取令牌中的角色' : '未设置令牌'}
      </span>
      {(refused || expired) && (
        <span className="refused" role="alert">
          {expired ? '令牌已过期' : '服务不认可该令牌（401）'}，请换一个有效的令牌。
        </span>
      )}
      <a className="back" href="/">
        返回控制台
      </a>
    </form>
  );
}
