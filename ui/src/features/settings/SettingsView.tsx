// Settings and About: the version, where the library lives, a backup, the theme, and how to
// report a problem with enough detail to act on.

import { useState } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { useTheme, type ThemePreference } from '../../app/theme';
import { useQuery } from '../../app/useQuery';
import { Icon } from '../../components/Icon';
import { ErrorPanel, Loading } from '../../components/States';
import { plural } from '../../lib/format';

/**
 * Where problems are reported. Shown as text to copy, never as a link: the window shows
 * untrusted documents and must not navigate anywhere, so it opens no web pages at all.
 */
export const ISSUES_ADDRESS = 'https://github.com/scrutineer-app/scrutineer/issues';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function SettingsView() {
  const api = useApi();
  const { stats } = useLibrary();
  const { preference, setPreference } = useTheme();
  const info = useQuery(() => api.appInfo(), []);
  const [backup, setBackup] = useState<{ path?: string; error?: ApiError; busy?: boolean }>({});
  const [folderError, setFolderError] = useState<ApiError | null>(null);

  const showFolder = async () => {
    setFolderError(null);
    try {
      await api.openDataFolder();
    } catch (e) {
      setFolderError(toApiError(e));
    }
  };

  const backUp = async () => {
    setBackup({ busy: true });
    try {
      const path = await api.pickSavePath({
        title: 'Back up the library',
        defaultName: `scrutineer-backup-${today()}.db`,
        filters: [{ name: 'Scrutineer library', extensions: ['db'] }],
      });
      if (!path) {
        setBackup({});
        return;
      }
      await api.backupLibrary(path);
      setBackup({ path });
    } catch (e) {
      setBackup({ error: toApiError(e) });
    }
  };

  const themes: Array<{ value: ThemePreference; label: string; icon: 'sun' | 'moon' | 'settings' }> = [
    { value: 'system', label: 'Match the system', icon: 'settings' },
    { value: 'light', label: 'Light', icon: 'sun' },
    { value: 'dark', label: 'Dark', icon: 'moon' },
  ];

  return (
    <div className="view settings-view">
      <header className="view-head">
        <div>
          <h1>Settings</h1>
          <p className="view-sub">About Scrutineer, where your library lives, and how it looks.</p>
        </div>
      </header>
      <div className="settings-grid">
        <div className="settings-column">
        <section className="card" aria-labelledby="about-h">
          <h2 id="about-h">About</h2>
          {info.error ? (
            <ErrorPanel error={info.error} onRetry={info.reload} compact />
          ) : !info.data ? (
            <Loading />
          ) : (
            <dl className="kv">
              <div>
                <dt>Application</dt>
                <dd>Scrutineer — council minutes into evidence</dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd>{info.data.version}</dd>
              </div>
              <div>
                <dt>Library file</dt>
                <dd>
                  <code className="path">{info.data.databasePath}</code>
                </dd>
              </div>
              <div>
                <dt>Data folder</dt>
                <dd>
                  <code className="path">{info.data.dataDir}</code>
                  {api.kind === 'tauri' && (
                    <button type="button" className="btn small ghost" onClick={() => void showFolder()}>
                      <Icon name="folder" size={14} /> Show in file manager
                    </button>
                  )}
                </dd>
              </div>
              <div>
                <dt>Licence</dt>
                <dd>MIT — free to use, change and share</dd>
              </div>
              <div>
                <dt>In the library</dt>
                <dd>{stats ? `${plural(stats.documents, 'document')} from ${plural(stats.councils.length, 'council')}` : '—'}</dd>
              </div>
            </dl>
          )}
          {folderError && (
            <p className="notice error" role="alert">
              {friendlyError(folderError).title}: {folderError.message}
            </p>
          )}
          <p className="muted small-text">Scrutineer works offline. Nothing you import leaves this computer.</p>
        </section>

        <section className="card" aria-labelledby="look-h">
          <h2 id="look-h">Appearance</h2>
          <div className="segmented" role="radiogroup" aria-label="Theme">
            {themes.map((t) => (
              <button key={t.value} type="button" role="radio" aria-checked={preference === t.value} className={preference === t.value ? 'on' : ''} onClick={() => setPreference(t.value)}>
                <Icon name={t.icon} size={15} /> {t.label}
              </button>
            ))}
          </div>
        </section>

        <section className="card" aria-labelledby="keys-h">
          <h2 id="keys-h">Keyboard</h2>
          <dl className="kv keys">
            <div>
              <dt>
                <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>K</kbd>
              </dt>
              <dd>Search</dd>
            </div>
            <div>
              <dt>
                <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>O</kbd>
              </dt>
              <dd>Import minutes</dd>
            </div>
            <div>
              <dt>
                <kbd>↑</kbd> <kbd>↓</kbd> <kbd>Enter</kbd>
              </dt>
              <dd>Move through a list and open</dd>
            </div>
            <div>
              <dt>
                <kbd>E</kbd> / <kbd>Delete</kbd>
              </dt>
              <dd>Correct or delete the meeting in the focused library row</dd>
            </div>
            <div>
              <dt>
                <kbd>Esc</kbd>
              </dt>
              <dd>Close a panel</dd>
            </div>
          </dl>
        </section>
        </div>
        <div className="settings-column">
        <section className="card" aria-labelledby="backup-h">
          <h2 id="backup-h">Back up</h2>
          <p>Save a copy of the whole library — meetings, corrections and your codebook — as one file.</p>
          <button type="button" className="btn" onClick={() => void backUp()} disabled={backup.busy}>
            <Icon name="download" size={16} /> {backup.busy ? 'Backing up…' : 'Back up library…'}
          </button>
          {backup.path && (
            <p className="notice ok" role="status">
              <Icon name="check" size={14} /> Saved to <code className="path">{backup.path}</code>
            </p>
          )}
          {backup.error && (
            <p className="notice error" role="alert">
              {friendlyError(backup.error).title}: {backup.error.message}
            </p>
          )}
        </section>

        <section className="card" aria-labelledby="report-h">
          <h2 id="report-h">Report a problem</h2>
          <ol className="steps">
            <li>Note what you did and what you expected to see.</li>
            <li>If a document was read wrongly, keep the file: open the meeting and note the file name shown at the top.</li>
            <li>Copy the version above and any error code shown (for example <code>pdf_malformed</code>).</li>
            <li>Send these to your Scrutineer contact or your IT team. Do not send minutes that are confidential.</li>
          </ol>
          <p>
            Or open an issue on the project's tracker (copy the address into your browser):{' '}
            <code className="path copyable" aria-label="Issue tracker address">
              {ISSUES_ADDRESS}
            </code>
          </p>
        </section>

        </div>
      </div>
    </div>
  );
}
