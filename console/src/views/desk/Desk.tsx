import { useCallback, useState } from 'react';

import { dateTime } from '../../format';
import type { LiveStatus } from '../../live';
import { navigate, useLocation } from '../../router';
import { currentSession } from '../../session';
import { IssuePanel } from './IssuePanel';
import { Queue } from './Queue';
import { DEADLINE_NAMES } from './labels';
import { lateness } from './lateness';
import { useLive } from './useLive';
import type { Alert } from './useLive';
import './desk.css';

const STATUS_NAMES: Record<LiveStatus, string> = {
  connecting: '正在连接',
  live: '实时',
  offline: '已断开，正在重连',
  refused: '实时推送不可用',
};

// How long an overdue notice stays unless closed.
const NOTICE_MS = 15_000;

interface Notice {
  n: number;
  alert: Alert;
}

/** 协调员工作台: the queue, the open issue beside it, both kept current by the live feed. */
export default function Desk() {
  const session = currentSession();
  const location = useLocation();
  const [notices, setNotices] = useState<Notice[]>([]);
  const onAlert = useCallback((alert: Alert) => {
    const n = Date.now() + Math.random();
    setNotices((shown) => [...shown.slice(-4), { n, alert }]);
    window.setTimeout(
      () => setNotices((shown) => shown.filter((notice) => notice.n !== n)),
      NOTICE_MS,
    );
  }, []);
  const { status, pulse } = useLive(session?.token ?? '', onAlert);
  if (session === null) return null;
  const open = location.searchParams.get('issue');
  const show = (id: string | null) =>
    navigate(id ? `/desk?issue=${encodeURIComponent(id)}` : '/desk');

  return (
    <section className="desk">
      <header className="desk-head">
        <h2>协调员工作台</h2>
        <span
          className={`desk-live live-${status}`}
          data-testid="live"
          data-status={status}
          title="问题状态的实时推送"
        >
          {STATUS_NAMES[status]}
        </span>
      </header>
      <div className={open ? 'desk-body with-issue' : 'desk-body'}>
        <Queue selected={open} onOpen={show} pulse={pulse} />
        {open && (
          <IssuePanel
            key={open}
            id={open}
            session={session}
            pulse={pulse}
            onOpen={show}
            onClose={() => show(null)}
          />
        )}
      </div>
      <div className="desk-notices" aria-live="polite">
        {notices.map(({ n, alert }) => (
          <div key={n} className="desk-notice" role="status" data-testid="notice">
            <strong>超期提醒</strong>
            <span>
              {alert.issue ? `「${alert.issue.title}」` : '一件问题'}已超过
              {DEADLINE_NAMES[alert.deadline]}（{dateTime(alert.since)}）
              {alert.issue ? `，${lateness(alert.issue.lateByHours)}` : ''}
            </span>
            {alert.issue && (
              <button type="button" className="link" onClick={() => show(alert.issue?.id ?? null)}>
                查看
              </button>
            )}
            <button
              type="button"
              className="link"
              aria-label="关闭提醒"
              onClick={() => setNotices((shown) => shown.filter((notice) => notice.n !== n))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </section>
  );
}
