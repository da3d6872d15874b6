import { useEffect, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import { Provider } from 'urql';

import { clientFor } from './client';
import { Loaded } from './loaded';
import { navigate, useLocation } from './router';
import { ROLE_NAMES, abilities, adoptTokenFromAddress, currentSession, forgetToken } from './session';
import type { Session } from './session';
import { SignIn } from './SignIn';
import { isPublicPath } from './views/intake/paths';

const desk = () => import('./views/desk/Desk');
const overview = () => import('./views/overview/Overview');
const plan = () => import('./views/plan/PlanMap');
const dashboard = () => import('./views/dashboard/Dashboard');
const coverage = () => import('./views/coverage/Coverage');
const people = () => import('./views/people/People');
const sheets = () => import('./views/sheets/Sheets');
const ledgers = () => import('./views/ledgers/Ledgers');
const resident = () => import('./views/intake/Public');

interface Page {
  path: string;
  title: string;
  offered: (session: Session) => boolean;
  load: () => Promise<{ default: ComponentType<object> }>;
}

const PAGES: Page[] = [
  { path: '/desk', title: '工作台', offered: (s) => abilities(s.role).seesIssues, load: desk },
  { path: '/', title: '总览地图', offered: () => true, load: overview },
  { path: '/plan', title: '规划地图', offered: () => true, load: plan },
  { path: '/dashboard', title: '领导看板', offered: () => true, load: dashboard },
  { path: '/coverage', title: '走访覆盖', offered: () => true, load: coverage },
  { path: '/people', title: '人员名录', offered: () => true, load: people },
  { path: '/sheets', title: '二维码', offered: (s) => abilities(s.role).administers, load: sheets },
  { path: '/ledgers', title: '台账', offered: (s) => abilities(s.role).administers, load: ledgers },
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
    return <Loaded load={resident} props={{ pathname: location.pathname }} />;
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
          <Loaded key={page.path} load={page.load} props={{}} />
        </main>
      </div>
    </Provider>
  );
}
