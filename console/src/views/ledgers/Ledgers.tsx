// Ledgers (台账) for admins: each kind's template and export to download, and an upload with its summary.

import { useState } from 'react';

import { currentSession } from '../../session';
import './ledgers.css';

const KINDS: [string, string][] = [
  ['communities', '社区'],
  ['organizations', '单位'],
  ['sites', '场地'],
  ['people', '人员'],
  ['projects', '项目'],
  ['issues', '问题'],
  ['visits', '走访'],
  ['meetings', '会议'],
  ['moves', '搬迁'],
  ['suggestions', '建议'],
];
const NAMES = new Map(KINDS);

interface Tally {
  read: number;
  written: number;
  skipped: number;
  unknownColumns: string[];
}
interface Answer {
  summary: {
    dryRun: boolean;
    read: number;
    written: number;
    rejected: number;
    skipped: number;
    ledgers: Record<string, Tally>;
  };
  errorReport: { sheet: string; row: number; reason: string }[];
}

function authorization(): Record<string, string> {
  const session = currentSession();
  return session ? { Authorization: `Bearer ${session.token}` } : {};
}

/** The server's message from an error body, or the HTTP status. */
async function failure(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { message: string }[] };
    return body.errors?.[0]?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

async function download(kind: string, what: 'template' | 'export'): Promise<string | null> {
  const response = await fetch(`/ledgers/${kind}/${what}`, { headers: authorization() });
  if (!response.ok) return failure(response);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `${NAMES.get(kind)}${what === 'template' ? '台账模板' : '台账'}.xlsx`;
  link.click();
  URL.revokeObjectURL(link.href);
  return null;
}

export default function Ledgers() {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchFile = async (kind: string, what: 'template' | 'export') => {
    setProblem(await download(kind, what));
  };
  const upload = async () => {
    if (file === null) return;
    setBusy(true);
    setProblem(null);
    const form = new FormData();
    form.append('file', file);
    form.append('dryRun', String(dryRun));
    try {
      const response = await fetch('/ledgers/import', {
        method: 'POST',
        headers: authorization(),
        body: form,
      });
      if (response.ok) setAnswer((await response.json()) as Answer);
      else setProblem(await failure(response));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ledgers" data-testid="ledgers">
      <h2>台账</h2>
      <table>
        <thead>
          <tr>
            <th>台账</th>
            <th>模板（含示例行和下拉选项）</th>
            <th>导出（可改后再导入）</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map(([kind, name]) => (
            <tr key={kind} data-kind={kind}>
              <td>{name}</td>
              <td>
                <button type="button" onClick={() => void fetchFile(kind, 'template')}>
                  下载模板
                </button>
              </td>
              <td>
                <button type="button" onClick={() => void fetchFile(kind, 'export')}>
                  导出
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>导入台账</h3>
      <div className="ledger-upload">
        <input
          type="file"
          accept=".xlsx,.csv"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <label>
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          试导入（只检查，不写入）
        </label>
        <button type="button" disabled={file === null || busy} onClick={() => void upload()}>
          {busy ? '导入中…' : '导入'}
        </button>
      </div>
      {problem && <p className="ledger-problem" role="alert">{problem}</p>}
      {answer && <Summary answer={answer} />}
    </div>
  );
}

function Summary({ answer }: { answer: Answer }) {
  const { summary, errorReport } = answer;
  return (
    <div className="ledger-summary" data-testid="ledger-summary">
      <p>
        {summary.dryRun ? '试导入：' : ''}读取 {summary.read} 行，写入 {summary.written} 行，拒绝{' '}
        {summary.rejected} 行，跳过 {summary.skipped} 行（合计、备注、签名等）
      </p>
      <ul>
        {Object.entries(summary.ledgers).map(([kind, tally]) => (
          <li key={kind}>
            {NAMES.get(kind) ?? kind}：读取 {tally.read} 行，写入 {tally.written} 行
            {tally.skipped ? `，跳过 ${tally.skipped} 行` : ''}
            {tally.unknownColumns.length > 0 &&
              `；以下列未导入：${tally.unknownColumns.join('、')}`}
          </li>
        ))}
      </ul>
      {errorReport.length > 0 && (
        <ol className="ledger-errors">
          {errorReport.map((error) => (
            <li key={`${error.sheet}-${error.row}-${error.reason}`}>
              {error.sheet}：{error.reason}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
