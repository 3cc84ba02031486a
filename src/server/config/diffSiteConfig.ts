/** One readable change between two configurations: a JSON path and its values before and after (undefined: absent). */
export interface ConfigChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists are keyed by their items' `id` or `name` when every item has one, so a moved item reads as a move, not as every later item changing. */
function keyed(list: unknown[]): Map<string, unknown> | null {
  const keys = list.map((item) => (isObject(item) ? (item.id ?? item.name) : undefined));
  if (!keys.every((key) => typeof key === 'string') || new Set(keys).size !== keys.length) return null;
  return new Map(keys.map((key, index) => [key as string, list[index]]));
}

/**
 * What changed from `before` to `after`, leaf by leaf, in a stable order:
 * `texts.fr.title: "Cookies" → "Vos cookies"`, `categories.analytics.services.Hotjar: added`.
 * An order change of keyed items is one `…(order)` entry.
 */
export function diffSiteConfig(before: unknown, after: unknown, path = ''): ConfigChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const [a, b] = [keyed(before), keyed(after)];
    if (a && b) {
      const changes: ConfigChange[] = [];
      const order = (map: Map<string, unknown>, other: Map<string, unknown>) => [...map.keys()].filter((key) => other.has(key));
      if (order(a, b).join('\n') !== order(b, a).join('\n')) changes.push({ path: `${path}(order)`, before: order(a, b), after: order(b, a) });
      for (const key of new Set([...a.keys(), ...b.keys()])) changes.push(...diffSiteConfig(a.get(key), b.get(key), path ? `${path}.${key}` : key));
      return changes;
    }
  }
  if (isObject(before) && isObject(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) => diffSiteConfig(before[key], after[key], path ? `${path}.${key}` : key));
  }
  const change: ConfigChange = { path: path || '(all)' };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}
