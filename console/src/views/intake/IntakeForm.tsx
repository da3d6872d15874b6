// The resident's form (码上反映): report an issue at the place a QR code was printed for.

import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';

import { Refusal, fetchForm, sendReport } from './api';
import type { Form, Receipt } from './api';
import { CategorySelect } from './Categories';
import { Closed } from './Closed';
import { newRequestId } from './ids';
import { PHONE_HINT, phoneAccepted } from './phone';
import { ReceiptView } from './ReceiptView';

type Field = 'category' | 'title' | 'description' | 'name' | 'phone' | 'anonymous';

/** The form of one intake code; a 404 or 410 fills the page instead. */
export default function IntakeForm({ code }: { code: string }) {
  const [form, setForm] = useState<Form | null>(null);
  const [closed, setClosed] = useState<Refusal | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  useEffect(() => {
    fetchForm(code).then(setForm, (refusal: Refusal) => setClosed(refusal));
  }, [code]);
  useEffect(() => {
    document.title = '码上反映';
  }, []);
  if (closed) {
    // The phone the form gave, or the one the service wrote into its refusal.
    const phone = form?.servicePhone ?? phoneIn(closed.message);
    return <Closed refusal={closed} phone={phone} />;
  }
  if (form === null) return <p className="loading">正在打开…</p>;
  if (receipt) return <ReceiptView receipt={receipt} servicePhone={form.servicePhone} />;
  return <Filling code={code} form={form} onGone={setClosed} onDone={setReceipt} />;
}

/** The service phone the service wrote into its message, to make it a tap-to-call link. */
function phoneIn(message: string): string | undefined {
  return /服务电话\s*([\d-]+)/.exec(message)?.[1];
}

function Filling({
  code,
  form,
  onGone,
  onDone,
}: {
  code: string;
  form: Form;
  onGone: (refusal: Refusal) => void;
  onDone: (receipt: Receipt) => void;
}) {
  const [category, setCategory] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: Field } | null>(null);
  // One id for this fill, kept across retries until the service answers with a receipt.
  const requestId = useRef<string>(newRequestId());
  const inFlight = useRef(false);

  const check = (): { message: string; field: Field } | null => {
    if (!category) return { message: '请选择问题类别。', field: 'category' };
    if (!title.trim()) return { message: '请填写标题，一句话说明问题。', field: 'title' };
    if (!anonymous) {
      const hasName = name.trim() !== '';
      const hasPhone = phone.trim() !== '';
      if (hasPhone && !phoneAccepted(phone)) return { message: PHONE_HINT, field: 'phone' };
      if (hasName && !hasPhone)
        return { message: '留下姓名时请一并留下联系电话，或选择匿名反映。', field: 'phone' };
      if (hasPhone && !hasName)
        return { message: '留下联系电话时请一并填写姓名，或选择匿名反映。', field: 'name' };
    }
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A second tap before the first answer must not send again, even before React re-renders.
    if (inFlight.current) return;
    const invalid = check();
    setProblem(invalid);
    if (invalid) return;
    inFlight.current = true;
    setSending(true);
    try {
      const receipt = await sendReport(code, {
        clientRequestId: requestId.current,
        category,
        title: title.trim(),
        description: description.trim() || undefined,
        name: anonymous ? undefined : name.trim() || undefined,
        phone: anonymous ? undefined : phone.trim() || undefined,
        anonymous: anonymous || undefined,
      });
      onDone(receipt);
    } catch (error) {
      const refusal = error as Refusal;
      if (refusal.status === 410 || refusal.status === 404) {
        onGone(refusal);
        return;
      }
      const wait = refusal.retryAfter ? `（约 ${refusal.retryAfter} 秒后可重试）` : '';
      setProblem({ message: refusal.message + wait, field: refusal.field as Field | undefined });
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const mark = (field: Field) => (problem?.field === field ? 'invalid' : undefined);
  // An edit answers the message shown: it goes, and the next tap checks again.
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setProblem(null);
  };
  return (
    <form className="intake" onSubmit={submit} noValidate>
      <header className="place">
        <p className="kicker">码上反映 · 诉求“码”上填</p>
        <h1 data-testid="place">{form.place.name}</h1>
        {form.label ? <p className="label">{form.label}</p> : null}
      </header>
      <label className={mark('category')}>
        问题类别
        <CategorySelect
          categories={form.categories}
          value={category}
          onChange={edit(setCategory)}
        />
      </label>
      <label className={mark('title')}>
        标题
        <input
          name="title"
          maxLength={100}
          value={title}
          placeholder="如：3号楼楼道灯不亮"
          onChange={(e) => edit(setTitle)(e.target.value)}
        />
      </label>
      <label className={mark('description')}>
        问题描述（选填）
        <textarea
          name="description"
          maxLength={2000}
          rows={5}
          value={description}
          placeholder="时间、地点、具体情况"
          onChange={(e) => edit(setDescription)(e.target.value)}
        />
      </label>
      <label className={`check ${mark('anonymous') ?? ''}`}>
        <input
          type="checkbox"
          name="anonymous"
          checked={anonymous}
          onChange={(e) => {
            setAnonymous(e.target.checked);
            setProblem(null);
          }}
        />
        匿名反映（不留姓名和电话）
      </label>
      {anonymous ? null : (
        <fieldset className="contact">
          <legend>联系方式（选填）</legend>
          <p className="fieldset-hint">姓名和电话请一并填写，便于回访</p>
          <label className={mark('name')}>
            姓名
            <input
              name="name"
              maxLength={20}
              autoComplete="name"
              value={name}
              onChange={(e) => edit(setName)(e.target.value)}
            />
          </label>
          <label className={mark('phone')}>
            联系电话
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={phone}
              onChange={(e) => edit(setPhone)(e.target.value)}
            />
          </label>
        </fieldset>
      )}
      {problem ? (
        <p className="problem" role="alert" data-testid="problem">
          {problem.message}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={sending}>
        {sending ? '正在提交…' : '提交'}
      </button>
      <p className="hint">
        也可拨打服务电话 <a href={`tel:${form.servicePhone}`}>{form.servicePhone}</a>
      </p>
    </form>
  );
}
