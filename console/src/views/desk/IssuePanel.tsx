import { useEffect } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { amount, count, dateTime } from '../../format';
import type { DeskIssueQuery } from '../../gql/graphql';
import type { Session } from '../../session';
import { Actions } from './Actions';
import { Whistles } from './Whistles';
import { Timeline } from './Timeline';
import { CHANNEL_NAMES, STATE_NAMES } from './labels';
import { lateness } from './lateness';
import { ISSUE, ROUTE } from './queries';
import type { Pulse } from './useLive';
import { useRefetch } from './useRefetch';

export type Issue = Extract<NonNullable<DeskIssueQuery['node']>, { __typename?: 'Issue' }>;

interface Props {
  id: string;
  session: Session;
  pulse: Pulse;
  onOpen: (id: string) => void;
  onClose: () => void;
}

/** One issue: its facts, reporter, next steps, routing answer, whistles and timeline. */
export function IssuePanel({ id, session, pulse, onOpen, onClose }: Props) {
  const [found, refetchIssue] = useQuery({ query: ISSUE, variables: { id } });
  const [route, refetchRoute] = useQuery({ query: ROUTE, variables: { id } });
  const freshIssue = useRefetch(found.fetching, refetchIssue);
  const freshRoute = useRefetch(route.fetching, refetchRoute);
  const refresh = () => {
    freshIssue();
    freshRoute();
  };
  useEffect(() => {
    if (pulse.n > 0 && (pulse.all || pulse.issues.has(id))) refresh();
    // Each pulse is looked at once; the issue shown changes with `id` through the queries.
  }, [pulse.n]);

  const node = found.data?.node;
  const loaded = node && node.__typename === 'Issue' ? (node as Issue) : null;
  // An event newer than the events read shows its state at once; the refetch brings the rest.
  const heard = pulse.states.get(id);
  const loadedSeq = Math.max(0, ...(loaded?.events.map((event) => event.seq) ?? []));
  const issue =
    loaded && heard && heard.seq > loadedSeq ? { ...loaded, state: heard.state } : loaded;
  const answer = route.data?.whoHandles;
  return (
    <article className="desk-issue" aria-label="问题详情" data-testid="issue">
      <button type="button" className="link desk-fold" onClick={onClose}>
        收起
      </button>
      {found.error && <p className="problem">{explain(found.error)}</p>}
      {found.fetching && !found.data && <p className="loading">正在加载…</p>}
      {found.data && !issue && (
        <p className="problem">未找到该问题，它可能已被删除，或您无权查看。</p>
      )}
      {issue && (
        <>
          <header>
            <h3>{issue.title}</h3>
            <span className={`desk-state state-${issue.state}`} data-testid="issue-state">
              {STATE_NAMES[issue.state]}
            </span>
            {issue.isOverdue && <span className="desk-late">{lateness(issue.lateByHours)}</span>}
          </header>
          <Facts issue={issue} />
          <Actions
            key={issue.id}
            issueId={issue.id}
            state={issue.state}
            role={session.role}
            routedLead={answer?.lead ?? null}
            nextInChain={nextInChain(issue, answer?.escalations ?? [])}
            onChanged={refresh}
          />
          <Whistles issue={issue} session={session} onChanged={refresh} />
          <section>
            <h4>谁来办</h4>
            {route.error && <p className="problem">{explain(route.error)}</p>}
            {route.fetching && !answer && <p className="loading">正在加载…</p>}
            {answer && (
              <div data-testid="route">
                <dl className="desk-facts">
                  <dt>牵头单位</dt>
                  <dd>{answer.lead?.name ?? '—'}</dd>
                  <dt>协办单位</dt>
                  <dd>{answer.assists.map((org) => org.name).join('、') || '—'}</dd>
                  <dt>依据规则</dt>
                  <dd>
                    {answer.fallback ? '无规则匹配，由中心兜底' : (answer.viaRule?.name ?? '—')}
                  </dd>
                  <dt>时限</dt>
                  <dd>
                    {answer.responseHours !== null && answer.responseHours !== undefined
                      ? `${count(answer.responseHours)}小时内响应`
                      : '响应时限未定'}
                    ，
                    {answer.resolveDays !== null && answer.resolveDays !== undefined
                      ? `${count(answer.resolveDays)}天内办结`
                      : '办结时限未定'}
                  </dd>
                  <dt>应响应于</dt>
                  <dd>{dateTime(answer.respondBy)}</dd>
                  <dt>应办结于</dt>
                  <dd>{dateTime(answer.resolveBy)}</dd>
                  <dt>幸福观察员</dt>
                  <dd>
                    {answer.observers
                      .map((person) => `${person.name}${person.phone ? ` ${person.phone}` : ''}`)
                      .join('、') || '—'}
                  </dd>
                </dl>
                <ul className="desk-explain">
                  {answer.explanation.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ul>
                {answer.escalations.length > 0 && (
                  <table className="desk-chain">
                    <caption>吹哨链</caption>
                    <thead>
                      <tr>
                        <th>级别</th>
                        <th>单位</th>
                        <th>超时</th>
                        <th>召集时间</th>
                      </tr>
                    </thead>
                    <tbody>
                      {answer.escalations.map((step) => (
                        <tr key={step.level}>
                          <td>第{count(step.level)}级</td>
                          <td>{step.organization?.name ?? '—'}</td>
                          <td>{count(step.afterHours)}小时</td>
                          <td>{dateTime(step.dueAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                <h4>相似的已办结问题</h4>
                {answer.similarIssues.length === 0 && <p className="desk-hint">暂无相似问题。</p>}
                <ul className="desk-similar" data-testid="similar">
                  {answer.similarIssues.map((similar) => (
                    <li key={similar.issue.id}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => onOpen(similar.issue.id)}
                      >
                        {similar.issue.title}
                      </button>
                      {similar.sameCommunity && <span className="desk-tag">同小区</span>}
                      <span className="desk-meta">
                        {similar.solvedBy ? `由${similar.solvedBy.name}办结` : '办结单位不详'}
                        {similar.hoursTaken !== null && similar.hoursTaken !== undefined
                          ? `，用时${amount(similar.hoursTaken)}小时`
                          : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <section>
            <h4>办理记录</h4>
            <Timeline issue={issue} />
          </section>
        </>
      )}
    </article>
  );
}

/** The issue's facts and its reporter, as the reader may see them. */
function Facts({ issue }: { issue: Issue }) {
  const lead = issue.assignments.find((assignment) => assignment.role === 'LEAD');
  const assists = issue.assignments.filter((assignment) => assignment.role !== 'LEAD');
  return (
    <dl className="desk-facts" data-testid="facts">
      <dt>描述</dt>
      <dd>{issue.description || '—'}</dd>
      <dt>类别</dt>
      <dd>{issue.category?.name ?? '—'}</dd>
      <dt>位置</dt>
      <dd>{issue.area?.name ?? '—'}</dd>
      <dt>渠道</dt>
      <dd>
        {issue.channel ? CHANNEL_NAMES[issue.channel] : '—'}
        {issue.receipt ? `（回执号 ${issue.receipt}）` : ''}
      </dd>
      <dt>受理时间</dt>
      <dd>{dateTime(issue.reportedAt)}</dd>
      <dt>应响应于</dt>
      <dd>{dateTime(issue.respondBy)}</dd>
      <dt>应办结于</dt>
      <dd>{dateTime(issue.resolveBy)}</dd>
      <dt>承办单位</dt>
      <dd>
        {lead ? lead.organization.name : '未派单'}
        {lead?.viaRule?.name ? `（按规则：${lead.viaRule.name}）` : ''}
        {assists.length > 0 ? `；协办：${assists.map((a) => a.organization.name).join('、')}` : ''}
      </dd>
      <dt>反映人</dt>
      <dd data-testid="reporter">
        {issue.reporter
          ? `${issue.reporter.name}${issue.reporter.phone ? ` ${issue.reporter.phone}` : ''}`
          : '匿名或未登记'}
      </dd>
      {issue.peopleAffected !== null && issue.peopleAffected !== undefined && (
        <>
          <dt>涉及人数</dt>
          <dd>{count(issue.peopleAffected)}人</dd>
        </>
      )}
      {(issue.reopenCount ?? 0) > 0 && (
        <>
          <dt>重启次数</dt>
          <dd>{count(issue.reopenCount)}次</dd>
        </>
      )}
      {issue.satisfaction !== null && issue.satisfaction !== undefined && (
        <>
          <dt>满意度</dt>
          <dd>{count(issue.satisfaction)}分</dd>
        </>
      )}
    </dl>
  );
}

/** The first organization of the chain no whistle has summoned yet: who 吹哨 calls next. */
function nextInChain(
  issue: Issue,
  chain: readonly { level: number; organization?: { id: string; name: string } | null }[],
): string | null {
  const summoned = new Set(issue.whistles.flatMap((w) => w.summons.map((s) => s.organization.id)));
  const next = chain.find((step) => step.organization && !summoned.has(step.organization.id));
  return next?.organization?.name ?? null;
}
