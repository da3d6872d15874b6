// The resident's pages, reached by a QR code or a status link: no sign-in, no shell, no token.

import { PUBLIC_PATH } from './paths';
import IntakeForm from './IntakeForm';
import StatusPage from './StatusPage';
import './intake.css';

/** The form for /r/<code>, the status for /s/<secret>. */
export default function Public({ pathname }: { pathname: string }) {
  const [, kind, value] = PUBLIC_PATH.exec(pathname) ?? [];
  let secret = value ?? '';
  try {
    secret = decodeURIComponent(secret);
  } catch {
    // A mangled escape: send it as it stands, and the service answers that it is not found.
  }
  return (
    <div className="resident">
      {kind === 'r' ? <IntakeForm code={secret} /> : <StatusPage secret={secret} />}
    </div>
  );
}
