import { expect, test } from 'vitest';
import { hostMatches } from '../../src/gating/hostMatches';

test('a `*.` wildcard covers the host and its subdomains, by whole labels only', () => {
  const hosts = ['pixel.example', 'cdn.pixel.example', 'a.b.pixel.example', 'evilpixel.example', 'pixel.example.evil', 'xpixel.example'];
  expect(hosts.filter((host) => hostMatches('*.pixel.example', host))).toEqual(['pixel.example', 'cdn.pixel.example', 'a.b.pixel.example']);
  expect(hosts.filter((host) => hostMatches('pixel.example', host))).toEqual(['pixel.example']);
});
