import type { ConfigStore, Role } from '../config/ConfigStore';
import { hashPassword } from '../config/hashPassword';

const NAME = /^[\w.@-]{1,64}$/;

/**
 * `consentkit-ledger user add`: creates or updates a console account, and
 * logs `user.add` or `user.update` (never the password).
 */
export async function addUser(store: ConfigStore, name: string, role: Role, password: string, at = new Date().toISOString()): Promise<void> {
  if (!NAME.test(name)) throw new RangeError('a user name is 1 to 64 letters, digits, _ . @ or -');
  if (role !== 'editor' && role !== 'viewer') throw new RangeError('--role must be editor or viewer');
  if (password.length < 12) throw new RangeError('a password has at least 12 characters');
  const passwordHash = await hashPassword(password);
  const existed = (await store.account(name)) !== null;
  await store.putAccount({ name, role, passwordHash });
  await store.log('cli', existed ? 'user.update' : 'user.add', at, { name, role });
}
