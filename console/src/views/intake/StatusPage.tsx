// The resident's status page (/s/<secret>): one report's progress, and its rating once resolved.

import { useEffect, useRef, useState } from 'react';

import { dateTime } from '../../format';
import { fetchStatus, sendFeedback } from './api';
import type { Refusal, Satisfaction, Status } from './api';
import { Closed } from './Closed';
import { newRequestId } from './ids';

const CHOICES: Satisfaction[] = ['满意', '基本满意', '不满意'];

/** The status of the report this secret names; a wrong secret shows the service's 404 only. */
export default function StatusPage({ secret }: { secret: string }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [missing, setMissing] = useState<Refusal | null>(null);
  const [rated, setRated] = useState<Satisfaction | null>(null);
  useEffect(() => {
    document.title = '办理进度';
    fetchStatus(secret).then(setStatus, (refusal: Refusal) => setMissing(refusal));
  }, [secret]);
  if (missing) return <Closed refusal={missing} />;
  if (status === null) return <p className="loading">正在查询…</p>;
  return (
    <section className="status">
      <p className="kicker">码上反映 · 办理进度</p>
      <p className="caption">回执编号</p>
      <p className="number" data-testid="receipt-number">
        {status.receipt}
      </p>
      <dl className="facts">
        <dt>当前状态</dt>
        <dd data-testid="state" data-state={status.state}>
          {status.stateName}
        </dd>
        <dt>反映时间</dt>
        <dd>{dateTime(status.reportedAt)}</dd>
        <dt>承办单位</dt>
        <dd data-testid="handled-by">{status.handledBy ?? '待分派'}</dd>
      </dl>
      {rated === '不满意' && status.state !== 'RESOLVED' && status.state !== 'CLOSED' ? (
        <p className="notice" data-testid="reopened" role="status">
          已重新交办处理（整改提升）。感谢您的反馈，我们会继续跟进。
        </p>
      ) : null}
      {rated !== null && rated !== '不满意' ? (
        <p className="notice" role="status">
          感谢您的评价：{rated}。
        </p>
      ) : null}
      {status.canRate ? (
        <Rating
          secret={secret}
          onRated={(choice, next) => {
            setRated(choice);
            setStatus(next);
          }}
        />
      ) : null}
      <h2>办理经过</h2>
      <ol className="timeline" data-testid="timeline">
        {[...status.timeline].reverse().map((step, index) => (
          <li key={`${step.at}-${index}`}>
            <span className="when">{dateTime(step.at)}</span>
            <span className="what">{step.stateName}</span>
            {step.note ? <p className="note">{step.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Three big buttons and a comment; a retry of the same rating sends the same step id. */
function Rating({
  secret,
  onRated,
}: {
  secret: string;
  onRated: (choice: Satisfaction, next: Status) => void;
}) {
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stepId = useRef<string>(newRequestId());
  const inFlight = useRef(false);
  const rate = async (choice: Satisfaction) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setProblem(null);
    try {
      const next = await sendFeedback(secret, {
        satisfaction: choice,
        comment: comment.trim() || undefined,
        clientStepId: stepId.current,
      });
      onRated(choice, next);
    } catch (error) {
      const refusal = error as Refusal;
      const wait = refusal.retryAfter ? `（约 ${refusal.retryAfter} 秒后可重试）` : '';
      setProblem(refusal.message + wait);
      // Another choice after a refusal is another step: it needs its own id.
      if (refusal.status !== 0) stepId.current = newRequestId();
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };
  return (
    <section className="rating" data-testid="rating">
      <h2>问题已办结，请您评价</h2>
      <textarea
        name="comment"
        rows={3}
        maxLength={500}
        placeholder="意见或建议（选填）"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="choices">
        {CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`choice choice-${CHOICES.indexOf(choice)}`}
            disabled={sending}
            onClick={() => rate(choice)}
          >
            {choice}
          </button>
        ))}
      </div>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
