import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Key, Session, Tab } from './types';

const TESTING_LIBRARY = readFileSync(new URL('../../../node_modules/@testing-library/dom/dist/@testing-library/dom.umd.min.js', import.meta.url), 'utf8');
const AXE = readFileSync(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * What an in-page query returns when the page has no Testing Library yet (a
 * new document). A literal, not a constant: the function runs in the page.
 */
const NO_QUERIES = 'no-queries' as const;

/** A role and accessible name, as a user (or a screen reader) knows a control. */
export interface Control {
  role: string;
  name: string;
}

/** Where to look: the whole page, or inside a landmark or dialog. */
type Within = Control | undefined;

interface InPage {
  TestingLibraryDom: {
    queryAllByRole(root: Element, role: string, options?: { name?: string | ((name: string, element: Element) => boolean) }): HTMLElement[];
    getSuggestedQuery(element: Element, variant: string, method: string): { queryArgs: [string, ...unknown[]] } | undefined;
  };
}

/**
 * A tab as a visitor uses it: find and click controls by role and accessible
 * name (Testing Library's queries, run inside the page), press keys, read
 * what is focused, wait for something to become true. Built on the
 * driver-neutral Tab, so it behaves the same in every engine.
 */
export class VisitorPage {
  private clicks = 0;

  constructor(readonly tab: Tab) {}

  static async open(session: Session, url: string): Promise<VisitorPage> {
    const page = new VisitorPage(await session.newTab());
    await page.goto(url);
    return page;
  }

  goto(url: string): Promise<void> {
    return this.tab.goto(url);
  }

  reload(): Promise<void> {
    return this.tab.reload();
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.tab.evaluate(fn, arg);
  }

  press(key: Key): Promise<void> {
    return this.tab.press(key);
  }

  /** Whether a control with this role and name is there for the user now (hidden ones do not count). */
  async sees(role: string, name: string, within?: Within): Promise<boolean> {
    return this.query(
      ({ role, name, within }) => {
        if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
        const { queryAllByRole } = (window as unknown as InPage).TestingLibraryDom;
        const root = within ? queryAllByRole(document.body, within.role, { name: within.name })[0] : document.body;
        return !!root && queryAllByRole(root, role, { name }).length > 0;
      },
      { role, name, within },
    );
  }

  /** Waits up to `timeout` ms until the control is there; false if it never came. */
  async waitToSee(role: string, name: string, within?: Within, timeout = 10_000): Promise<boolean> {
    return this.until(() => this.sees(role, name, within), timeout);
  }

  /** Waits up to `timeout` ms until the control is gone (removed or hidden); false if it stayed. */
  async waitUntilGone(role: string, name: string, within?: Within, timeout = 10_000): Promise<boolean> {
    return this.until(async () => !(await this.sees(role, name, within)), timeout);
  }

  /** The text of every element with this role (e.g. a `status` live region, which has no name). */
  async texts(role: string, within?: Within): Promise<string[]> {
    return this.query(
      ({ role, within }) => {
        if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
        const { queryAllByRole } = (window as unknown as InPage).TestingLibraryDom;
        const root = within ? queryAllByRole(document.body, within.role, { name: within.name })[0] : document.body;
        return root ? queryAllByRole(root, role).map((element) => element.textContent ?? '') : [];
      },
      { role, within },
    );
  }

  /** Whether a checkbox or switch is on, as assistive technology reads it (`checked`, or `aria-checked`). */
  async isChecked(role: string, name: string, within?: Within): Promise<boolean> {
    return this.query(
      ({ role, name, within }) => {
        if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
        const { queryAllByRole } = (window as unknown as InPage).TestingLibraryDom;
        const root = within ? queryAllByRole(document.body, within.role, { name: within.name })[0] : document.body;
        const element = root && queryAllByRole(root, role, { name })[0];
        if (!element) throw new Error(`no ${role} named "${name}"`);
        return element instanceof HTMLInputElement ? element.checked : element.getAttribute('aria-checked') === 'true';
      },
      { role, name, within },
    );
  }

  /** Accessible names of every control with this role, in document order. */
  async names(role: string, within?: Within): Promise<string[]> {
    return this.query(
      ({ role, within }) => {
        if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
        const { queryAllByRole } = (window as unknown as InPage).TestingLibraryDom;
        const root = within ? queryAllByRole(document.body, within.role, { name: within.name })[0] : document.body;
        const names: string[] = [];
        if (root) queryAllByRole(root, role, { name: (name) => (names.push(name), true) });
        return names;
      },
      { role, within },
    );
  }

  /** Clicks the control with the engine's real pointer, once it is there (up to 10 s). */
  async click(role: string, name: string, within?: Within): Promise<void> {
    const mark = `t${++this.clicks}`;
    const found = await this.until(() =>
      this.query(
        ({ role, name, within, mark }) => {
          if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
          const { queryAllByRole } = (window as unknown as InPage).TestingLibraryDom;
          const root = within ? queryAllByRole(document.body, within.role, { name: within.name })[0] : document.body;
          const element = root && queryAllByRole(root, role, { name })[0];
          element?.setAttribute('data-story-target', mark);
          // Scrolled into sight as a visitor would before tapping it; the engines' own click does not
          // scroll what merely intersects the viewport, even when something sticky covers it.
          element?.scrollIntoView({ block: 'nearest' });
          return !!element;
        },
        { role, name, within, mark },
      ),
    10_000);
    if (!found) throw new Error(`no ${role} named "${name}"${within ? ` in the ${within.role} "${within.name}"` : ''}`);
    await this.tab.clickSelector(`[data-story-target="${mark}"]`);
  }

  /** The role and accessible name of the focused element, or null when focus is on the page itself. */
  async focused(): Promise<Control | null> {
    return this.query(() => {
      if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
      const { queryAllByRole, getSuggestedQuery } = (window as unknown as InPage).TestingLibraryDom;
      const active = document.activeElement;
      if (!active || active === document.body) return null;
      const role = getSuggestedQuery(active, 'get', 'Role')?.queryArgs[0];
      if (!role) return { role: active.tagName.toLowerCase(), name: '' };
      let name = '';
      queryAllByRole(document.body, role, { name: (n, element) => (element === active && (name = n), element === active) });
      return { role, name };
    });
  }

  /** Whether focus is inside the control (e.g. a dialog). */
  async focusIsWithin(role: string, name: string): Promise<boolean> {
    return this.query(
      ({ role, name }) => {
        if (!('TestingLibraryDom' in window)) return 'no-queries' as const;
        const container = (window as unknown as InPage).TestingLibraryDom.queryAllByRole(document.body, role, { name })[0];
        return !!container && container.contains(document.activeElement);
      },
      { role, name },
    );
  }

  /** WCAG 2.2 AA violations axe-core finds on the page as it is now, as "rule: targets". */
  async axe(): Promise<string[]> {
    if (!(await this.tab.evaluate(() => 'axe' in window))) await this.tab.install(AXE);
    return this.tab.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
  }

  /** Polls `fn` in the page until it returns a truthy value (returned), or gives the last value after `timeout` ms. */
  async waitFor<R, A = undefined>(fn: (arg: A) => R, arg?: A, timeout = 10_000): Promise<R> {
    let last: R = undefined as R;
    await this.until(async () => !!(last = await this.tab.evaluate(fn, arg)), timeout);
    return last;
  }

  close(): Promise<void> {
    return this.tab.close();
  }

  /**
   * Runs a query that starts with `if (!('TestingLibraryDom' in window)) return
   * 'no-queries'` (NO_QUERIES, written out: the function runs in the page): in one round trip when the page has the queries, else
   * installs them (once per document) and runs it again.
   */
  private async query<R, A>(fn: (arg: A) => R | typeof NO_QUERIES, arg?: A): Promise<R> {
    const result = await this.tab.evaluate(fn, arg);
    if (result !== NO_QUERIES) return result as R;
    await this.tab.install(TESTING_LIBRARY);
    return (await this.tab.evaluate(fn, arg)) as R;
  }

  private async until(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await check().catch(() => false)) return true;
      if (Date.now() > deadline) return false;
      await sleep(50);
    }
  }
}
