/**
 * Whether `hostname` is covered by a `blocking` key: the host itself, or with
 * a `*.` wildcard, that host and its subdomains. The wildcard matches whole
 * labels only: `*.pixel.example` covers `cdn.pixel.example` and
 * `pixel.example`, never `evilpixel.example`.
 */
export function hostMatches(pattern: string, hostname: string): boolean {
  if (!pattern.startsWith('*.')) return hostname === pattern;
  const parent = pattern.slice(2);
  return hostname === parent || hostname.endsWith('.' + parent);
}
