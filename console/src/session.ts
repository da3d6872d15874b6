// The signed-in principal: a bearer token kept in this browser, and what its claims allow.

const STORAGE_KEY = 'lianxin.token';

export type Role = 'ADMIN' | 'COORDINATOR' | 'OBSERVER' | 'PLANNER' | 'VIEWER';

export interface Session {
  token: string;
  role: Role;
  sub: string;
  org: string | null;
  expiresAt: Date | null;
}

export const ROLE_NAMES: Record<Role, string> = {
  ADMIN: '管理员',
  COORDINATOR: '协调员',
  OBSERVER: '幸福观察员',
  PLANNER: '规划人员',
  VIEWER: '查看者',
};

/** A token handed over in the address's fragment (`#token=…`), kept and wiped from the address. */
export function adoptTokenFromAddress(): boolean {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get('token');
  if (token === null) return false;
  localStorage.setItem(STORAGE_KEY, token);
  // The token must not stay in the address bar, the history or a copied link.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return true;
}

/** The session of the kept token, or null when there is none or it has expired. */
export function currentSession(): Session | null {
  const token = localStorage.getItem(STORAGE_KEY);
  if (token === null) return null;
  const session = sessionOf(token);
  if (session === null || (session.expiresAt !== null && session.expiresAt <= new Date())) {
    return null;
  }
  return session;
}

/** Read a token's claims; the server checks the signature, the console only reads the role. */
export function sessionOf(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const role = claims.role;
    if (role !== 'ADMIN' && role !== 'COORDINATOR' && role !== 'OBSERVER' && role !== 'PLANNER' &&
      role !== 'VIEWER') {
      return null;
    }
    return {
      token: token.trim(),
      role,
      sub: typeof claims.sub === 'string' ? claims.sub : '',
      org: typeof claims.org === 'string' ? claims.org : null,
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return null;
  }
}

export function keepToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token.trim());
}

export function forgetToken(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/** What the console offers a role; the server's access rules remain the guard. */
export function abilities(role: Role) {
  return {
    seesIssues: role !== 'VIEWER' && role !== 'PLANNER',
    seesResidents: role !== 'VIEWER' && role !== 'PLANNER',
    plans: role === 'ADMIN' || role === 'PLANNER',
    handlesIssues: role === 'ADMIN' || role === 'COORDINATOR',
    administers: role === 'ADMIN',
  };
}
