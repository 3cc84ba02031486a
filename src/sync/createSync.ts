// PLACEHOLDER until the outbox issue lands: the interface the composition root relies on.
import type { ConsentCore } from '../core/createConsentCore';
import type { ConsentState } from '../core/state';
import type { Receipt } from '../core/receipt';
import type { KeyValueStore } from '../core/storage';

export interface SyncResult {
  sent: number;
  pending: number;
}

export interface SubjectRecords {
  subject: string;
  decision: ConsentState | null;
  receipts: Receipt[];
}

export interface SyncOptions {
  store: KeyValueStore;
}

export interface Sync {
  flush(): Promise<SyncResult>;
  access(): Promise<SubjectRecords | null>;
  erase(): Promise<boolean>;
  destroy(): void;
}

export function createSync(core: ConsentCore, _options: SyncOptions): Sync {
  return {
    flush: async () => ({ sent: 0, pending: 0 }),
    access: async () => null,
    erase: async () => {
      core.forget();
      return true;
    },
    destroy() {},
  };
}
