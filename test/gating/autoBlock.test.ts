// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { getByRole } from '@testing-library/dom';
import { settle, startGating } from './setup';

const blocking = { blocking: { 'stats.example': 'analytics', '*.pixel.example': 'marketing' } };
const originals = {
  setAttribute: Element.prototype.setAttribute,
  src: [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement].map((C) => Object.getOwnPropertyDescriptor(C.prototype, 'src')),
};

const start = startGating;

test('scripts, images and iframes created with a mapped src are held back until granted, then released in order', async () => {
  const { core } = start('', blocking);
  const script = document.createElement('script');
  script.src = 'https://stats.example/a.js';
  document.head.append(script);
  const pixel = new Image();
  pixel.src = 'https://cdn.pixel.example/p.gif?id=1';
  const frame = document.createElement('iframe');
  frame.setAttribute('SRC', 'https://pixel.example/frame');
  document.body.append(frame);
  const own = document.createElement('img');
  own.src = 'https://shop.example/logo.png';
  await settle();

  expect([script.getAttribute('src'), pixel.getAttribute('src'), frame.getAttribute('src')]).toEqual([null, null, null]);
  expect(own.getAttribute('src')).toBe('https://shop.example/logo.png');
  expect(getByRole(document.body, 'button', { name: 'Load Marketing (accept Marketing cookies)' })).toBeTruthy();

  core.save({ analytics: true });
  expect(script.getAttribute('src')).toBe('https://stats.example/a.js');
  expect(pixel.getAttribute('src')).toBe(null);
  core.save({ marketing: true });
  expect([pixel.getAttribute('src'), frame.getAttribute('src')]).toEqual(['https://cdn.pixel.example/p.gif?id=1', 'https://pixel.example/frame']);
  script.remove();

  // Once granted, new elements go straight through.
  const later = new Image();
  later.src = 'https://pixel.example/again.gif';
  expect(later.getAttribute('src')).toBe('https://pixel.example/again.gif');
});

test('without a blocking map nothing is intercepted, and destroy restores the prototypes', () => {
  const plain = start('');
  expect(Element.prototype.setAttribute).toBe(originals.setAttribute);
  plain.gating.destroy();
  const { gating } = start('', blocking);
  expect(Element.prototype.setAttribute).not.toBe(originals.setAttribute);
  gating.destroy();
  expect(Element.prototype.setAttribute).toBe(originals.setAttribute);
  expect([HTMLScriptElement, HTMLIFrameElement, HTMLImageElement].map((C) => Object.getOwnPropertyDescriptor(C.prototype, 'src'))).toEqual(originals.src);
});

test('a src that is not a URL passes through untouched', () => {
  start('', blocking);
  const img = new Image();
  expect(() => (img.src = 'http://[bad')).not.toThrow();
  expect(img.getAttribute('src')).toBe('http://[bad');
});

test('`*.pixel.example` does not hold a host that merely ends with the same letters (evilpixel.example)', () => {
  start('', blocking);
  const lookalike = new Image();
  lookalike.src = 'https://evilpixel.example/p.gif';
  const covered = new Image();
  covered.src = 'https://cdn.pixel.example/p.gif';
  expect([lookalike.getAttribute('src'), covered.getAttribute('src')]).toEqual(['https://evilpixel.example/p.gif', null]);
});
