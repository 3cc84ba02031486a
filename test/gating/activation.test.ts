// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { loaded, ran, record, settle, startGating } from './setup';


const start = startGating;

const live = (selector: string) => [...document.querySelectorAll<HTMLScriptElement>(selector)].filter((s) => s.type != 'text/plain');

test('before consent nothing tagged runs or gets a URL', () => {
  start(`
    <script type="text/plain" data-consent="analytics">${record('inline')}</script>
    <script type="text/plain" data-consent="analytics" src="https://stats.example/a.js"></script>
    <iframe data-consent="marketing" data-src="https://video.example/embed/1" title="Video"></iframe>
    <img data-consent="marketing" data-src="https://pixel.example/p.gif" alt="">
    <link data-consent="preferences" rel="stylesheet" data-href="https://fonts.example/f.css">
    <video data-consent="marketing"><source data-src="https://video.example/v.mp4"></video>`);
  expect(ran()).toEqual([]);
  expect(live('script')).toEqual([]);
  expect(document.querySelectorAll('iframe[src], img[src], link[href], source[src]')).toHaveLength(0);
});

test('after accepting, each element runs once, in document order, external scripts one after another', async () => {
  const { core } = start(`
    <script type="text/plain" data-consent="analytics">${record('one')}</script>
    <script type="text/plain" data-consent="analytics" src="/two.js"></script>
    <script type="text/plain" data-consent="marketing">${record('three')}</script>
    <img data-consent="marketing" data-src="/p.gif" alt="">`);
  core.acceptAll();
  expect(ran()).toEqual(['one']);
  expect(live('script[src]').map((s) => s.getAttribute('src'))).toEqual(['/two.js']);
  // The inline script after it waits until the external one has loaded.
  expect(ran()).toEqual(['one']);
  loaded('/two.js');
  expect(ran()).toEqual(['one', 'three']);
  expect(document.querySelector('img')!.getAttribute('src')).toBe('/p.gif');

  core.save({ preferences: true });
  core.withdraw('preferences');
  await settle();
  expect(ran()).toEqual(['one', 'three']);
  expect(live('script')).toHaveLength(3);
});

test('an async external script does not hold the next one back', () => {
  const { core } = start(`
    <script type="text/plain" data-consent="analytics" src="/async.js" async></script>
    <script type="text/plain" data-consent="analytics">${record('after')}</script>`);
  core.acceptAll();
  expect(ran()).toEqual(['after']);
});

test('a script keeps its attributes and takes its type from data-type', () => {
  const { core } = start(`
    <script type="text/plain" data-consent="analytics" data-type="module" src="https://cdn.example/m.js" async defer
      integrity="sha384-abc" crossorigin="anonymous" referrerpolicy="no-referrer" nonce="n0nce" id="m" class="tracker" data-foo="bar"></script>`);
  core.acceptAll();
  const [script] = live('script');
  const { type, src, id, className } = script!;
  expect({ type, src, id, className }).toEqual({ type: 'module', src: 'https://cdn.example/m.js', id: 'm', className: 'tracker' });
  const attributes = ['async', 'defer', 'integrity', 'crossorigin', 'referrerpolicy', 'nonce', 'data-foo'].map((name) => script!.getAttribute(name));
  expect(attributes).toEqual(['', '', 'sha384-abc', 'anonymous', 'no-referrer', 'n0nce', 'bar']);
});

test('"a b" needs every category; "!x" is shown only while x is refused', async () => {
  const { core } = start(`
    <script type="text/plain" data-consent="analytics marketing">${record('both')}</script>
    <p data-consent="!marketing">Videos are off</p>`);
  const fallback = document.querySelector('p')!;
  expect(fallback.hidden).toBe(false);
  core.save({ analytics: true });
  expect(ran()).toEqual([]);
  core.save({ marketing: true });
  expect(ran()).toEqual(['both']);
  expect(fallback.hidden).toBe(true);
  core.withdraw('marketing');
  expect(fallback.hidden).toBe(false);
});

test('an empty data-consent grants nothing', () => {
  const { core } = start(`<script type="text/plain" data-consent=" ">${record('typo')}</script>`);
  core.acceptAll();
  expect(ran()).toEqual([]);
});

test('elements inserted later run the same way, once, even when moved', async () => {
  const { core } = start('<div id="late"></div>');
  const late = document.getElementById('late')!;
  late.innerHTML = `<script type="text/plain" data-consent="analytics">${record('early')}</script>`;
  await settle();
  expect(ran()).toEqual([]);
  core.acceptAll();
  late.insertAdjacentHTML('beforeend', `<div><script type="text/plain" data-consent="analytics">${record('late')}</script></div>
    <iframe data-consent="analytics" data-src="/frame.html"></iframe>`);
  await settle();
  expect(ran()).toEqual(['early', 'late']);
  const iframe = document.querySelector('iframe')!;
  expect(iframe.getAttribute('src')).toBe('/frame.html');
  document.body.append(late);
  await settle();
  expect(ran()).toEqual(['early', 'late']);
});

test('a stored decision that grants activates at start-up without a click', () => {
  const html = `<script type="text/plain" data-consent="analytics">${record('ran')}</script>`;
  const first = start(html);
  first.core.acceptAll();
  expect(ran()).toEqual(['ran']);
  first.gating.destroy();
  start(html, {}, {}, first);
  expect(ran()).toEqual(['ran']);
});

test('media, sources and objects get their URLs', () => {
  const { core } = start(`
    <video data-consent="marketing" data-poster="/poster.jpg"><source data-src="/v.mp4"></video>
    <object data-consent="marketing" data-src="/doc.pdf"></object>
    <embed data-consent="marketing" data-src="/e.swf">`);
  core.acceptAll();
  expect(document.querySelector('video')!.getAttribute('poster')).toBe('/poster.jpg');
  expect(document.querySelector('source')!.getAttribute('src')).toBe('/v.mp4');
  expect(document.querySelector('object')!.getAttribute('data')).toBe('/doc.pdf');
  expect(document.querySelector('embed')!.getAttribute('src')).toBe('/e.swf');
});

test('destroy stops gating', async () => {
  const { core, gating } = start('');
  gating.destroy();
  document.body.innerHTML = `<script type="text/plain" data-consent="analytics">${record('x')}</script>`;
  core.acceptAll();
  await settle();
  expect(ran()).toEqual([]);
});

test('an element still waiting in line when its category is withdrawn does not run', () => {
  const { core } = start(`
    <script type="text/plain" data-consent="analytics" src="/slow.js"></script>
    <script type="text/plain" data-consent="marketing">${record('ads')}</script>`);
  core.acceptAll();
  core.withdraw('marketing');
  loaded('/slow.js');
  expect(ran()).toEqual([]);
  core.save({ marketing: true });
  expect(ran()).toEqual(['ads']);
});
