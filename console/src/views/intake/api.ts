// The resident's door: plain JSON requests to /api with no token, and their Chinese refusals.

export interface Category {
  id: string;
  name: string;
  parent: string | null;
}

export interface Form {
  place: { name: string; kind: string };
  label: string | null;
  categories: Category[];
  servicePhone: string;
}

export interface Receipt {
  receipt: string;
  statusPath: string;
}

export interface Step {
  at: string;
  state: string;
  stateName: string;
  note?: string;
}

export interface Status {
  receipt: string;
  state: string;
  stateName: string;
  reportedAt: string;
  handledBy: string | null;
  timeline: Step[];
  canRate: boolean;
}

export type Satisfaction = '满意' | '基本满意' | '不满意';

/** A refusal the service sent: its HTTP status, code, Chinese message and the field at fault. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const UNREACHABLE = '无法连接服务，请检查网络后重试。';

/** One request to the public API; never sends credentials, whatever this browser keeps. */
async function call<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'omit',
      cache: 'no-store',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Refusal(0, 'NETWORK', UNREACHABLE);
  }
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: { code: string; message: string; field?: string; retryAfter?: number } }
    | null;
  if (response.ok && data !== null && !data.error) return data as T;
  const error = data?.error;
  if (error)
    throw new Refusal(response.status, error.code, error.message, error.field, error.retryAfter);
  throw new Refusal(response.status, 'INTERNAL', '服务暂时出错，请稍后重试。');
}

/** The codes and secrets are URL-safe already; encoding keeps a mangled address from escaping /api. */
const part = (value: string) => encodeURIComponent(value);

export const fetchForm = (code: string) => call<Form>(`/api/intake/${part(code)}`);

export interface Report {
  clientRequestId: string;
  category: string;
  title: string;
  description?: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
}

export const sendReport = (code: string, report: Report) =>
  call<Receipt>(`/api/intake/${part(code)}`, report);

export const fetchStatus = (secret: string) => call<Status>(`/api/status/${part(secret)}`);

export const sendFeedback = (
  secret: string,
  feedback: { satisfaction: Satisfaction; comment?: string; clientStepId: string },
) => call<Status>(`/api/status/${part(secret)}/feedback`, feedback);
