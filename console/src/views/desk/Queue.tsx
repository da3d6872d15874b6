import { useEffect, useState } from 'react';
import { useQuery } from 'urql';

import { explain } from '../../errors';
import { count, dateTime } from '../../format';
import type { IssueOrder, IssueState } from '../../gql/graphql';
import { STATES, STATE_NAMES } from './labels';
import { lateness } from './lateness';
import { COUNTS, OPTIONS, OVERDUE_QUEUE, QUEUE } from './queries';
import type { Pulse } from './useLive';
import { useRefetch } from './useRefetch';

type Order = 'NEWEST' | 'OLDEST' | 'MOST_OVERDUE';

const ORDERS: Record<Order, string> = {
  NEWEST: '最新在前',
  OLDEST: '最早在前',
  MOST_OVERDUE: '超期最久在前',
};

const SORTS: Record<Exclude<Order, 'MOST_OVERDUE'>, IssueOrder[]> = {
  NEWEST: [{ field: 'REPORTED_AT', direction: 'DESC' }],
  OLDEST: [{ field: 'REPORTED_AT', direction: 'ASC' }],
};

interface Props {
  selected: string | null;
  onOpen: (id: string) => void;
  pulse: Pulse;
}

/** The issues the principal may see, filtered and paged, with a count per state above them. */
export function Queue({ selected, onOpen, pulse }: Props) {
  const [state, setState] = useState<IssueState | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [order, setOrder] = useState<Order>('NEWEST');
  const [cursors, setCursors] = useState<string[]>([]);
  // Only overdue issues have a lateness to sort by: the service's overdue list, longest first.
  const overdue = overdueOnly || order === 'MOST_OVERDUE';
  const after = cursors.at(-1) ?? null;

  const [options] = useQuery({ query: OPTIONS });
  const [all, refetchAll] = useQuery({
    query: QUEUE,
    pause: overdue,
    variables: {
      filter: { states: state ? [state] : null, area, category },
      orderBy: SORTS[order === 'MOST_OVERDUE' ? 'NEWEST' : order],
      after,
    },
  });
  const [late, refetchLate] = useQuery({
    query: OVERDUE_QUEUE,
    pause: !overdue,
    variables: { area, category, after },
  });
  const [counts, refetchCounts] = useQuery({ query: COUNTS, variables: { area, category } });

  const freshAll = useRefetch(all.fetching, refetchAll);
  const freshLate = useRefetch(late.fetching, refetchLate);
  const freshCounts = useRefetch(counts.fetching, refetchCounts);
  useEffect(() => {
    if (pulse.n === 0) return;
    if (overdue) freshLate();
    else freshAll();
    freshCounts();
    // Only a new pulse refetches; filter changes fetch through the queries' own variables.
  }, [pulse.n]);

  const shown = overdue ? late : all;
  const page = overdue ? late.data?.overdueIssues : all.data?.issues;
  // When this page of rows arrived: an event heard later is newer than a row's state.
  const [arrived, setArrived] = useState(() => Date.now());
  useEffect(() => setArrived(Date.now()), [page]);
  const stateOf = (id: string, state: IssueState) => {
    const heard = pulse.states.get(id);
    return heard && heard.at > arrived ? heard.state : state;
  };
  const restart =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setCursors([]);
    };
  const communities = options.data?.communities.nodes ?? [];
  const categories = options.data?.categories.nodes ?? [];

  return (
    <section className="desk-queue" aria-label="问题队列">
      <div className="desk-counts" data-testid="state-counts">
        <button
          type="button"
          className={state === null ? 'current' : undefined}
          onClick={() => restart(setState)(null)}
        >
          全部
        </button>
        {STATES.map((candidate) => (
          <button
            type="button"
            key={candidate}
            data-state={candidate}
            className={state === candidate ? 'current' : undefined}
            disabled={overdue}
            onClick={() => restart(setState)(candidate)}
          >
            {STATE_NAMES[candidate]}
            <b>{counts.data ? count(counts.data[candidate]?.totalCount) : '…'}</b>
          </button>
        ))}
      </div>
      {counts.error && <p className="problem">{explain(counts.error)}</p>}
      <div className="filters desk-filters">
        <label>
          小区
          <select
            name="community"
            value={area ?? ''}
            onChange={(event) => restart(setArea)(event.target.value || null)}
          >
            <option value="">全部小区</option>
            {communities.map((community) => (
              <option key={community.id} value={community.id}>
                {community.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          类别
          <select
            name="category"
            value={category ?? ''}
            onChange={(event) => restart(setCategory)(event.target.value || null)}
          >
            <option value="">全部类别</option>
            {categories.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.parent ? `　${candidate.name}` : candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            name="overdue"
            checked={overdueOnly}
            onChange={(event) => {
              restart(setOverdueOnly)(event.target.checked);
              if (event.target.checked) setOrder('MOST_OVERDUE');
              else if (order === 'MOST_OVERDUE') setOrder('NEWEST');
            }}
          />
          只看超期
        </label>
        <label>
          排序
          <select
            name="order"
            value={order}
            onChange={(event) => restart(setOrder)(event.target.value as Order)}
          >
            {(Object.keys(ORDERS) as Order[])
              .filter((candidate) => !overdueOnly || candidate === 'MOST_OVERDUE')
              .map((candidate) => (
                <option key={candidate} value={candidate}>
                  {ORDERS[candidate]}
                </option>
              ))}
          </select>
        </label>
        {page && <span className="total">共 {count(page.totalCount)} 件</span>}
      </div>
      {overdue && (
        <p className="desk-hint">超期问题均未办结，按超期时长从长到短排列；状态筛选不适用。</p>
      )}
      {shown.error && <p className="problem">{explain(shown.error)}</p>}
      {shown.fetching && !page && <p className="loading">正在加载…</p>}
      {page && page.nodes.length === 0 && <p className="desk-empty">没有符合条件的问题。</p>}
      {page && page.nodes.length > 0 && (
        <ul className="desk-list" data-testid="queue">
          {page.nodes.map((row) => {
            const issue = { ...row, state: stateOf(row.id, row.state) };
            const lead = issue.assignments.find((assignment) => assignment.role === 'LEAD');
            return (
              <li key={issue.id} className={issue.id === selected ? 'current' : undefined}>
                <button type="button" onClick={() => onOpen(issue.id)} data-issue={issue.id}>
                  <span className="desk-title">{issue.title}</span>
                  <span className={`desk-state state-${issue.state}`} data-testid="queue-state">
                    {STATE_NAMES[issue.state]}
                  </span>
                  {issue.supervised && (
                    <span className="desk-supervised" title="走访带回、限期办结的督办事项">
                      督办
                    </span>
                  )}
                  {issue.isOverdue && (
                    <span className="desk-late">{lateness(issue.lateByHours)}</span>
                  )}
                  <span className="desk-meta">
                    {[issue.area?.name, issue.category?.name, lead?.organization.name]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  <time className="desk-meta">{dateTime(issue.reportedAt)}</time>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          上一页
        </button>
        <button
          type="button"
          disabled={!page?.pageInfo.hasNextPage}
          onClick={() =>
            page?.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])
          }
        >
          下一页
        </button>
      </div>
    </section>
  );
}
