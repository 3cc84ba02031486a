/** Keys that could reach an object's prototype if the value were ever merged or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deep enough for `{receipts:[{…,extra:{a:[…]}}]}`, shallow enough to bound every walk. */
export const MAX_DEPTH = 8;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes to a JSON value, refusing invalid UTF-8, malformed JSON, nesting
 * deeper than MAX_DEPTH and prototype-pollution keys at any depth.
 */
export function parseJsonBody(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, message: 'The body is not valid UTF-8.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The body is not valid JSON.' };
  }
  const problem = inspect(value, 1);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

function inspect(value: unknown, depth: number): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return `The body is nested deeper than ${MAX_DEPTH} levels.`;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = inspect(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `The key "${key}" is not allowed.`;
    const problem = inspect((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return null;
}
