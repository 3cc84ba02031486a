import type { AuditEntry, ConfigVersion, Draft } from '../server/config/ConfigStore';

/** `{base}/console/`, from where this script was loaded: the console works under any base path. */
export const CONSOLE_URL = new URL('.', import.meta.url).pathname;

export interface SessionInfo {
  name: string;
  role: 'editor' | 'viewer';
  csrf: string;
}

export type DraftAnswer = Draft & { errors: string[] };

/** A refused request: its status and the server's sentence. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** The console's API client; every write carries the session's CSRF token. */
export function createApi(csrf: () => string | null) {
  async function call<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = csrf();
    if (method !== 'GET' && token) headers['x-csrf-token'] = token;
    const response = await fetch(CONSOLE_URL + 'api/' + path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const answer = (await response.json().catch(() => ({}))) as { message?: string; details?: string[] };
    if (!response.ok) throw new ApiError(response.status, answer.message ?? response.statusText, answer.details ?? []);
    return answer as T;
  }
  return {
    session: () => call<SessionInfo>('session'),
    signIn: (name: string, password: string) => call<SessionInfo>('sign-in', 'POST', { name, password }),
    signOut: () => call<unknown>('sign-out', 'POST', {}),
    draft: () => call<DraftAnswer>('draft'),
    saveDraft: (config: Draft['config']) => call<DraftAnswer>('draft', 'PUT', { config }),
    publish: () => call<ConfigVersion>('publish', 'POST', {}),
    versions: () => call<{ versions: ConfigVersion[] }>('versions'),
    republish: (number: number) => call<ConfigVersion>(`versions/${number}/publish`, 'POST', {}),
    audit: () => call<{ entries: AuditEntry[] }>('audit'),
  };
}

export type Api = ReturnType<typeof createApi>;
