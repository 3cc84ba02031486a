// A database of its own on the PostgreSQL server named by DATABASE_URL,
// created for one bench run and dropped after it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** @param {string} databaseUrl */
export async function postgresBenchDatabase(databaseUrl) {
  const name = 'consentkit_bench_' + randomBytes(4).toString('hex');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = '/' + name;
  return {
    url: url.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
