import { createSqliteConfigStore } from '../config/createSqliteConfigStore';
import type { Role } from '../config/ConfigStore';
import { hashPassword } from '../config/hashPassword';
import { createSqliteStore } from '../createSqliteStore';

const NAME = /^[\w.@-]{1,64}$/;

/**
 * `consentkit-ledger user add`: creates or updates a console account in the
 * ledger's SQLite file, and logs `user.add` (never the password).
 */
export async function addUser(db: string, name: string, role: Role, password: string, at = new Date().toISOString()): Promise<void> {
  if (!NAME.test(name)) throw new RangeError('a user name is 1 to 64 letters, digits, _ . @ or -');
  if (role !== 'editor' && role !== 'viewer') throw new RangeError('--role must be editor or viewer');
  if (password.length < 12) throw new RangeError('a password has at least 12 characters');
  const passwordHash = await hashPassword(password);
  const store = createSqliteStore(db);
  try {
    const config = createSqliteConfigStore(store.db);
    const existed = config.account(name) !== null;
    config.putAccount({ name, role, passwordHash });
    config.log('cli', existed ? 'user.update' : 'user.add', at, { name, role });
  } finally {
    store.close();
  }
}
