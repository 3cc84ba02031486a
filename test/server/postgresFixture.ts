import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The cluster the Postgres tests use; unset, they are skipped. `.ci/run` always sets it. */
export const DATABASE_URL = process.env.DATABASE_URL;

/** The line printed once when the Postgres tests are skipped. */
export const HOW_TO_ENABLE =
  'PostgreSQL tests skipped: set DATABASE_URL=postgres://… to run them (eval "$(scripts/pg-cluster.sh start)" starts a throw-away cluster).';

export interface TempDatabase {
  url: string;
  /** Ends every connection to it and drops it. */
  drop(): Promise<void>;
}

/**
 * A fresh database on the cluster for one test file: test files run in
 * parallel and the ledger's tables have fixed names, so each gets its own.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  if (!DATABASE_URL) throw new Error(HOW_TO_ENABLE);
  const name = 'consentkit_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(DATABASE_URL);
  url.pathname = '/' + name;
  return {
    url: url.href,
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
