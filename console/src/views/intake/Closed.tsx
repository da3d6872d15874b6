// A full page for a door that will not open: a stopped, expired, unknown or missing link.

import type { Refusal } from './api';

/**
 * The service's own message, big. A stopped link says so in a heading and gives the phone to
 * call; a wrong code or secret shows the message alone; anything passing offers a retry.
 */
export function Closed({ refusal, phone }: { refusal: Refusal; phone?: string }) {
  const gone = refusal.status === 410;
  const missing = refusal.status === 404;
  return (
    <section className="closed" data-testid="closed" role="alert">
      {gone ? <h1>此二维码已停用</h1> : null}
      {!gone && !missing ? <h1>暂时无法打开</h1> : null}
      <p className="message">{refusal.message}</p>
      {gone && phone ? (
        <p className="phone">
          服务电话 <a href={`tel:${phone}`}>{phone}</a>
        </p>
      ) : null}
      {!gone && !missing ? (
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          重试
        </button>
      ) : null}
    </section>
  );
}
