// The import drawer: a progress bar, a running summary, and one line per file saying what became
// of it — imported (with council, committee and date), already in the library, or failed with the
// reason in plain words.

import { friendlyError, friendlyReason } from '../../api/errors';
import type { ImportOutcome } from '../../api/model';
import { useLibrary } from '../../app/library';
import { href } from '../../app/router';
import { Drawer } from '../../components/Drawer';
import { Icon } from '../../components/Icon';
import { baseName, formatDate, formatUndated, plural } from '../../lib/format';

const MAX_LISTED = 300;

function OutcomeRow({ outcome, onOpen }: { outcome: ImportOutcome; onOpen: () => void }) {
  const name = baseName(outcome.path);
  const m = outcome.meeting;
  return (
    <li className={`outcome ${outcome.status}`}>
      <span className="outcome-icon" aria-hidden="true">
        <Icon name={outcome.status === 'imported' ? 'check' : outcome.status === 'duplicate' ? 'copy' : 'alert'} size={16} />
      </span>
      <div className="outcome-text">
        <div className="outcome-name" title={outcome.path}>
          {name}
        </div>
        {outcome.status === 'imported' && m && (
          <div className="outcome-detail">
            <a href={href('meeting', m.id)} onClick={onOpen}>
              {[m.council ?? 'Council not found', m.committee ?? 'committee not found', m.date ? formatDate(m.date) : formatUndated(m.dateWindow)].join(' · ')}
            </a>
            {m.needsReview.length > 0 && <span className="tag warn">needs review</span>}
          </div>
        )}
        {outcome.status === 'duplicate' && (
          <div className="outcome-detail">
            Already in the library{m ? <> — <a href={href('meeting', m.id)} onClick={onOpen}>open it</a></> : null}
          </div>
        )}
        {outcome.status === 'failed' && (
          <div className="outcome-detail failed-reason">
            {friendlyReason(outcome.code, outcome.message)}
            {outcome.code && <span className="muted"> · {outcome.message}</span>}
          </div>
        )}
      </div>
      <span className={`status-pill ${outcome.status}`}>{outcome.status === 'imported' ? 'Imported' : outcome.status === 'duplicate' ? 'Duplicate' : 'Failed'}</span>
    </li>
  );
}

export function ImportPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { importState, cancelImport } = useLibrary();
  const { running, done, total, outcomes, summary, error } = importState;
  const counts = {
    imported: outcomes.filter((o) => o.status === 'imported').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
  };
  // A folder of thousands of files lists its most recent outcomes, failures first, so the panel
  // stays quick and the files that need attention stay in view.
  const recent = [...outcomes].reverse();
  const ordered = [...recent.filter((o) => o.status === 'failed'), ...recent.filter((o) => o.status !== 'failed')];
  const shown = ordered.slice(0, MAX_LISTED);
  const hidden = ordered.length - shown.length;
  const percent = total > 0 ? Math.round((done / total) * 100) : running ? 0 : 100;
  const title = running ? 'Importing minutes' : summary ? 'Import finished' : 'Import';

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      footer={
        running ? (
          <button type="button" className="btn" onClick={() => void cancelImport()}>
            Stop after this file
          </button>
        ) : (
          <button type="button" className="btn primary" onClick={onClose}>
            Done
          </button>
        )
      }
    >
      {error ? (
        <div className="state state-error compact" role="alert">
          <Icon name="alert" />
          <div>
            <p className="state-title">{friendlyError(error).title}</p>
            <p className="state-detail">{error.message}</p>
          </div>
        </div>
      ) : (
        <>
          <div className="import-progress">
            <div
              className="progress"
              role="progressbar"
              aria-label="Import progress"
              aria-valuemin={0}
              aria-valuemax={total || 1}
              aria-valuenow={done}
            >
              <span style={{ width: `${percent}%` }} />
            </div>
            <p className="import-count" aria-live="polite">
              {running && total === 0 ? 'Finding files…' : `${done} of ${plural(total, 'file')}`}
            </p>
          </div>
          <p className="import-summary" aria-live="polite">
            <span className="sum imported">{counts.imported} imported</span>
            <span className="sum duplicate">{counts.duplicates} already in the library</span>
            <span className="sum failed">{counts.failed} failed</span>
          </p>
          {summary && summary.outcomes.length < total && (
            <p className="notice">Stopped: {plural(total - summary.outcomes.length, 'file was', 'files were')} not read.</p>
          )}
          <ul className="outcomes" aria-label="Files">
            {shown.map((o, i) => (
              <OutcomeRow key={`${o.path}-${outcomes.length - i}`} outcome={o} onOpen={onClose} />
            ))}
          </ul>
          {hidden > 0 && <p className="muted small-text">and {plural(hidden, 'earlier file')} ({counts.failed} failed in all)</p>}
        </>
      )}
    </Drawer>
  );
}
