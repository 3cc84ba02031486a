import type { AuditEntry } from '../server/config/ConfigStore';
import { CONSOLE_URL } from './api';
import type { Translate } from './messages';

/** Who changed and published what, oldest first, with the export. */
export function AuditPage({ t, entries }: { t: Translate; entries: AuditEntry[] }) {
  return (
    <div>
      <p>
        <a href={`${CONSOLE_URL}api/audit.jsonl`} download="consentkit-audit.jsonl">{t('exportAudit')}</a>
      </p>
      <table class="audit">
        <thead>
          <tr>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('who')}</th>
            <th scope="col">{t('what')}</th>
            <th scope="col">{t('detail')}</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((entry) => (
            <tr key={entry.seq}>
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.actor}</td>
              <td>{entry.action}</td>
              <td><code>{entry.detail === null ? '' : JSON.stringify(entry.detail).slice(0, 300)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
