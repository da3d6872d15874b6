import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Provider } from 'urql';

import { clientFor } from './client';
import { navigate, useLocation } from './router';
import { ROLE_NAMES, abilities, adoptTokenFromAddress, currentSession, forgetToken } from './session';
import type { Session } from './session';
import { SignIn } from './SignIn';
import { isPublicPath } from './views/intake/paths';

const Desk = lazy(() => import('./views/desk/Desk'));
const Overview = lazy(() => import('./views/overview/Overview'));
const PlanMap = lazy(() => import('./views/plan/PlanMap'));
const Dashboard = lazy(() => import('./views/dashboard/Dashboard'));
const People = lazy(() => import('./views/people/People'));
const Sheets = lazy(() => import('./views/sheets/Sheets'));
const Public = lazy(() => import('./views/intake/Public'));

interface Page {
  path: string;
  title: string;
  offered: (session: Session) => boolean;
  render: () => ReactNode;
}

const PAGES: Page[] = [
  { path: '/desk', title: '工作台', offered: (s) => abilities(s.role).seesIssues, render: () => <Desk /> },
  { path: '/', title: '总览地图', offered: () => true, render: () => <Overview /> },
  { path: '/plan', title: '规划地图', offered: () => true, render: () => <PlanMap /> },
  { path: '/dashboard', title: '领导看板', offered: () => true, render: () => <Dashboard /> },
  { path: '/people', title: '人员名录', offered: () => true, render: () => <People /> },
  { path: '/sheets', title: '二维码', offered: (s) => abilities(s.role).administers, render: () => <Sheets /> },
];

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession);
  const client = useMemo(() => (session ? clientFor(session) : null), [session]);
  const location = useLocation();
  useEffect(() => {
    // A sign-in link opened on a page already showing: the same page, another principal.
    const adopt = () => {
      if (adoptTokenFromAddress()) setSession(currentSession());
    };
    window.addEventListener('hashchange', adopt);
    return () => window.removeEventListener('hashchange', adopt);
  }, []);
  // A resident's form or status page: before, and apart from, any session this browser keeps.
  if (isPublicPath(location.pathname)) {
    return (
      <Suspense fallback={<p className="loading">正在加载…</p>}>
        <Public pathname={location.pathname} />
      </Suspense>
    );
  }
  if (session === null || client === null) {
    return <SignIn onSignedIn={setSession} />;
  }
  const offered = PAGES.filter((page) => page.offered(session));
  const page = offered.find((candidate) => candidate.path === location.pathname) ?? offered[0];
  const signOut = () => {
    forgetToken();
    setSession(null);
  };
  return (
    <Provider value={client}>
      {/* Keyed by the token: another principal starts every page afresh, with nothing kept. */}
      <div className="shell" data-role={session.role} key={session.token}>
        <header className="topbar">
          <span className="brand">连心 · 服务协调中心</span>
          <nav>
            {offered.map((candidate) => (
              <a
                key={candidate.path}
                href={candidate.path}
                className={candidate === page ? 'current' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(candidate.path);
                }}
              >
                {candidate.title}
              </a>
            ))}
            <a href="/graphql" target="_blank" rel="noreferrer">
              GraphiQL
            </a>
          </nav>
          <span className="who" data-testid="who">
            {ROLE_NAMES[session.role]}
            {abilities(session.role).administers ? '' : `（${session.sub || '未署名'}）`}
          </span>
          <button type="button" className="link" onClick={signOut}>
            退出
          </button>
        </header>
        <main className="page">
          <Suspense fallback={<p className="loading">正在加载…</p>}>{page.render()}</Suspense>
        </main>
      </div>
    </Provider>
  );
}
