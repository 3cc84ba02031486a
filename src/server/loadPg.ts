import type * as Pg from 'pg';

let loading: Promise<typeof Pg> | undefined;

/**
 * The `pg` driver, imported on first use only: it is an optional peer
 * dependency, so a site on SQLite never needs it installed. A missing driver
 * gives one sentence that says what to install, not a resolver stack trace.
 */
export function loadPg(): Promise<typeof Pg> {
  loading ??= import('pg').then(
    // pg is CommonJS: under Node's ESM loader its exports sit on `default`.
    (module) => ((module as unknown as { default?: typeof Pg }).default ?? module) as typeof Pg,
    (error: unknown) => {
      loading = undefined;
      throw new Error('The PostgreSQL store needs the "pg" package: npm install pg@8', { cause: error });
    },
  );
  return loading;
}
