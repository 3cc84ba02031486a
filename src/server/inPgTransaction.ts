import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` on one pooled connection inside BEGIN … COMMIT, and rolls back
 * when it throws: every PostgreSQL write that must land whole goes through
 * here. The connection goes back to the pool either way; a failed ROLLBACK
 * (the connection itself broken) does not hide the error that caused it.
 */
export async function inPgTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
