// A full page for a door that will not open: a stopped, expired, unknown or missing link.

import type { Refusal } from './api';

/** The service's own message, big, with the service phone to call instead when it is known. */
export function Closed({ refusal, phone }: { refusal: Refusal; phone?: string }) {
  const gone = refusal.status === 410;
  return (
    <section className="closed" data-testid="closed" role="alert">
      <h1>{gone ? '此二维码已停用' : refusal.status === 404 ? '未找到' : '暂时无法打开'}</h1>
      <p className="message">{refusal.message}</p>
      {phone ? (
        <p className="phone">
          服务电话 <a href={`tel:${phone}`}>{phone}</a>
        </p>
      ) : null}
    </section>
  );
}
