// Printed QR sheets: one A4 page per link, with the code, the place, the service phone and how to use it.

import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useClient } from 'urql';

import { explain } from '../../errors';
import { date } from '../../format';
import type { CombinedError } from '@urql/core';
import { QrCode, svgOrNull } from './QrCode';
import { QR_CODES } from './queries';
import { placeName } from './links';
import type { Link } from './links';

const BATCH = 100;
const STEPS = [
  '手机扫描二维码',
  '选择类别，填写问题',
  '提交后保存回执和查询链接',
  '凭链接查看办理进度，办结后评价',
];

/** The public form's service phone, read once from the first link's form. */
async function servicePhoneOf(code: string): Promise<string | null> {
  try {
    const response = await fetch(`/api/intake/${encodeURIComponent(code)}`, {
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const form = (await response.json()) as { servicePhone?: string };
    return form.servicePhone ?? null;
  } catch {
    return null;
  }
}

/** The sheets of these links over the page; the console itself is hidden while printing. */
export function PrintView({ links, onClose }: { links: Link[]; onClose: () => void }) {
  const client = useClient();
  const [codes, setCodes] = useState<Map<string, string> | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    document.body.classList.add('printing-sheets');
    return () => document.body.classList.remove('printing-sheets');
  }, []);
  useEffect(() => {
    let live = true;
    const load = async () => {
      const found = new Map<string, string>();
      for (let start = 0; start < links.length; start += BATCH) {
        const ids = links.slice(start, start + BATCH).map((link) => link.id);
        const result = await client
          .query(QR_CODES, { ids }, { requestPolicy: 'network-only' })
          .toPromise();
        if (result.error) throw result.error;
        for (const node of result.data?.nodes ?? []) {
          if (node && 'qrSvg' in node) found.set(node.id, node.qrSvg);
        }
      }
      return found;
    };
    load().then(
      (found) => live && setCodes(found),
      (error: CombinedError) => live && setProblem(explain(error)),
    );
    if (links.length > 0) servicePhoneOf(links[0].code).then((found) => live && setPhone(found));
    return () => {
      live = false;
    };
  }, [client, links]);
  return createPortal(
    <div className="print-view" data-testid="print-view">
      <div className="print-toolbar">
        <span>共 {links.length} 张，每张一页（A4）</span>
        <button
          type="button"
          className="primary"
          disabled={codes === null}
          onClick={() => window.print()}
        >
          打印
        </button>
        <button type="button" onClick={onClose}>
          返回
        </button>
        {problem ? <span className="problem">{problem}</span> : null}
      </div>
      {codes === null ? <p className="loading">正在生成二维码…</p> : null}
      {codes !== null
        ? links.map((link) => {
            const svg = svgOrNull(codes.get(link.id));
            return (
              <article className="sheet" key={link.id} data-testid="sheet">
                <p className="sheet-brand">连心 · 服务协调中心</p>
                <h1>诉求“码”上填</h1>
                <h2 className="sheet-place">{placeName(link)}</h2>
                {link.label ? <p className="sheet-label">{link.label}</p> : null}
                {svg ? <QrCode markup={svg} /> : <div className="qr missing">二维码暂不可用</div>}
                <ol className="sheet-steps">
                  {STEPS.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
                <p className="sheet-phone">
                  服务电话 <strong>{phone ?? '—'}</strong>
                </p>
                <p className="sheet-note">
                  无需注册，可匿名反映。
                  {link.expiresOn ? `本码有效期至${date(link.expiresOn)}。` : ''}
                </p>
              </article>
            );
          })
        : null}
    </div>,
    document.body,
  );
}
