// The receipt after a report: its number and the private status link to keep.

import { useState } from 'react';

import type { Receipt } from './api';
import { copyText } from './copy';

/** The receipt number, big, and the status link with a copy button. */
export function ReceiptView({ receipt, servicePhone }: { receipt: Receipt; servicePhone: string }) {
  const link = new URL(receipt.statusPath, window.location.origin).href;
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section className="receipt" data-testid="receipt">
      <h1>已收到您的反映</h1>
      <p className="caption">回执编号</p>
      <p className="number" data-testid="receipt-number">
        {receipt.receipt}
      </p>
      <p className="advice">
        请保存下面的查询链接（可复制或截图）：凭它查看办理进度，办结后可以评价。链接只给您本人，请勿转发。
      </p>
      <input
        className="link"
        readOnly
        value={link}
        data-testid="status-link"
        onFocus={(e) => e.target.select()}
      />
      <div className="actions">
        <button type="button" className="primary" onClick={() => copyText(link).then(setCopied)}>
          复制链接
        </button>
        <a className="button" href={receipt.statusPath}>
          查看办理进度
        </a>
      </div>
      {copied === null ? null : (
        <p className="hint">{copied ? '已复制。' : '复制未成功，请长按链接手动复制。'}</p>
      )}
      <p className="hint">
        服务电话 <a href={`tel:${servicePhone}`}>{servicePhone}</a>
      </p>
    </section>
  );
}
