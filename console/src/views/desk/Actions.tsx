import { useState } from 'react';
import { useClient } from 'urql';

import type { IssueState } from '../../gql/graphql';
import type { Role } from '../../session';
import { StepDialog } from './StepDialog';
import { stepsFor } from './steps';
import type { Step } from './steps';
import { takeStep } from './take';
import type { StepInput } from './take';

interface Props {
  issueId: string;
  state: IssueState;
  role: Role;
  routedLead: { id: string; name: string } | null;
  nextInChain: string | null;
  /** The issue changed, or the page's copy of it is stale: read it again. */
  onChanged: () => void;
}

/** A button for each next step the lifecycle allows and the role may take; refusals in Chinese. */
export function Actions({ issueId, state, role, routedLead, nextInChain, onChanged }: Props) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<Step | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const steps = stepsFor(state, role);

  const take = async (step: Step, input: StepInput) => {
    setBusy(true);
    setRefusal(null);
    const outcome = await takeStep(client, step, issueId, input);
    setBusy(false);
    if (outcome.ok) {
      setAsking(null);
      setNote('');
      onChanged();
      return;
    }
    setRefusal(outcome.message);
    if (outcome.stale) {
      setAsking(null);
      onChanged();
    }
  };

  if (steps.length === 0) {
    return (
      <p className="desk-hint" data-testid="actions">
        当前状态下没有您可办理的下一步。
      </p>
    );
  }
  const flow = steps.filter((step) => !step.exit);
  const exits = steps.filter((step) => step.exit);
  const button = (step: Step) => (
    <button
      type="button"
      key={step.kind}
      className={step.exit ? 'desk-exit' : 'primary'}
      disabled={busy}
      onClick={() => (step.asks === 'dialog' ? setAsking(step) : void take(step, { note }))}
    >
      {step.label}
    </button>
  );
  return (
    <div className="desk-actions" data-testid="actions">
      {steps.some((step) => step.asks === 'note') && (
        <input
          name="note"
          className="desk-note"
          placeholder="备注（可选）"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      )}
      <div className="desk-buttons">
        {flow.map(button)}
        {exits.length > 0 && <span className="desk-sep" />}
        {exits.map(button)}
      </div>
      {refusal && (
        <p className="problem" role="alert" data-testid="refusal">
          {refusal}
        </p>
      )}
      {asking && (
        <StepDialog
          key={asking.kind}
          step={asking}
          issueId={issueId}
          routedLead={routedLead}
          nextInChain={nextInChain}
          busy={busy}
          onSubmit={(input) => void take(asking, input)}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
