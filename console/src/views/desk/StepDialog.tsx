import { useState } from 'react';
import type { FormEvent } from 'react';

import { count } from '../../format';
import { OrganizationPicker, OriginalPicker } from './Pickers';
import type { Step } from './steps';
import type { StepInput } from './take';

// The reporter's ratings: 3 and above close the issue, below reopen it (整改提升).
const RATINGS: [number, string][] = [
  [5, '非常满意'],
  [4, '满意'],
  [3, '基本满意'],
  [2, '不满意'],
  [1, '非常不满意'],
];

interface Props {
  step: Step;
  issueId: string;
  /** The routing answer's lead, offered first when dispatching. */
  routedLead: { id: string; name: string } | null;
  /** The next level of the escalation chain, summoned when no organization is named. */
  nextInChain: string | null;
  busy: boolean;
  onSubmit: (input: StepInput) => void;
  onCancel: () => void;
}

/** The dialog a step with a reason or a choice asks through before it is sent. */
export function StepDialog({
  step,
  issueId,
  routedLead,
  nextInChain,
  busy,
  onSubmit,
  onCancel,
}: Props) {
  const [reason, setReason] = useState('');
  const [routed, setRouted] = useState(routedLead !== null || step.kind === 'escalate');
  const [organization, setOrganization] = useState<string | null>(null);
  const [hours, setHours] = useState(24);
  const [original, setOriginal] = useState<string | null>(null);
  const [to, setTo] = useState('');
  const [satisfaction, setSatisfaction] = useState(5);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const reasonRequired =
    ['return', 'reject', 'escalate', 'referOut'].includes(step.kind) ||
    (step.kind === 'dispatch' && !routed);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reasonRequired && !reason.trim()) return setProblem('请填写理由。');
    if (!routed && ['dispatch', 'escalate'].includes(step.kind) && organization === null) {
      return setProblem('请选择单位。');
    }
    if (step.kind === 'duplicate' && original === null) return setProblem('请选择原问题。');
    if (step.kind === 'referOut' && !to.trim()) return setProblem('请填写转往的单位。');
    if (step.kind === 'escalate' && !(hours >= 1)) return setProblem('报到时限至少为1小时。');
    setProblem(null);
    onSubmit({
      reason,
      organization: routed ? null : organization,
      organizations: routed || organization === null ? null : [organization],
      hours,
      original: original ?? undefined,
      to,
      satisfaction,
      comment,
    });
  };

  return (
    <div className="desk-overlay">
      <form
        className="desk-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={step.label}
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !busy) onCancel();
        }}
      >
        <h3>{step.label}</h3>
        {step.kind === 'dispatch' && (
          <fieldset>
            <legend>承办单位</legend>
            <label>
              <input
                type="radio"
                name="routed"
                checked={routed}
                disabled={routedLead === null}
                onChange={() => setRouted(true)}
              />
              按路由派给：{routedLead ? routedLead.name : '无路由结果'}
            </label>
            <label>
              <input
                type="radio"
                name="routed"
                checked={!routed}
                onChange={() => setRouted(false)}
              />
              派给其他单位（须说明理由）
            </label>
            {!routed && <OrganizationPicker value={organization} onChange={setOrganization} />}
          </fieldset>
        )}
        {step.kind === 'escalate' && (
          <fieldset>
            <legend>吹哨单位</legend>
            <label>
              <input type="radio" name="routed" checked={routed} onChange={() => setRouted(true)} />
              按吹哨链召集下一级{nextInChain ? `：${nextInChain}` : ''}
            </label>
            <label>
              <input
                type="radio"
                name="routed"
                checked={!routed}
                onChange={() => setRouted(false)}
              />
              指定单位
            </label>
            {!routed && <OrganizationPicker value={organization} onChange={setOrganization} />}
            <label>
              报到时限（小时）
              <input
                type="number"
                name="hours"
                min={1}
                value={hours}
                onChange={(event) => setHours(Number(event.target.value))}
              />
            </label>
            <span className="desk-hint">须在 {count(hours)} 小时内报到</span>
          </fieldset>
        )}
        {step.kind === 'duplicate' && (
          <fieldset>
            <legend>原问题</legend>
            <OriginalPicker value={original} onChange={setOriginal} self={issueId} />
          </fieldset>
        )}
        {step.kind === 'referOut' && (
          <label>
            转往单位
            <input
              name="to"
              value={to}
              placeholder="如：12345政务服务热线"
              onChange={(event) => setTo(event.target.value)}
            />
          </label>
        )}
        {step.kind === 'feedback' && (
          <>
            <label>
              反映人评价
              <select
                name="satisfaction"
                value={satisfaction}
                onChange={(event) => setSatisfaction(Number(event.target.value))}
              >
                {RATINGS.map(([value, name]) => (
                  <option key={value} value={value}>
                    {name}（{value}分）
                  </option>
                ))}
              </select>
            </label>
            <span className="desk-hint">3分及以上关闭问题，低于3分重启整改。</span>
            <label>
              评价说明
              <textarea
                name="comment"
                rows={3}
                value={comment}
                onChange={(event) => setComment(event.target.value)}
              />
            </label>
          </>
        )}
        {step.kind !== 'feedback' && step.kind !== 'duplicate' && (
          <label>
            {reasonRequired ? '理由（必填）' : '理由（可选）'}
            <textarea
              name="reason"
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
        )}
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <div className="desk-dialog-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? '正在提交…' : '确认'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            取消
          </button>
        </div>
      </form>
    </div>
  );
}
