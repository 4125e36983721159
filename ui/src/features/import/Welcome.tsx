// The first run: an empty library. Two sentences on what Scrutineer does, and the two ways in.

import { useLibrary } from '../../app/library';
import { Icon } from '../../components/Icon';

export function Welcome() {
  const { loadSamples, pickAndImport, importState } = useLibrary();
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-card">
        <span className="welcome-mark" aria-hidden="true">
          <Icon name="quote" size={28} />
        </span>
        <h1 id="welcome-title">Turn council minutes into evidence</h1>
        <p className="welcome-lead">
          Scrutineer reads minutes from any council — text, web pages or PDFs — into a library of meetings, decisions
          and figures on this computer. Follow themes over time, compare councils side by side, and trace every number
          back to the paragraph it came from.
        </p>
        <div className="welcome-actions">
          <button type="button" className="btn primary large" onClick={() => void pickAndImport('files')} disabled={importState.running}>
            <Icon name="import" /> Import minutes…
          </button>
          <button type="button" className="btn large" onClick={() => void loadSamples()} disabled={importState.running}>
            <Icon name="spark" /> Load sample minutes
          </button>
        </div>
        <p className="welcome-foot">
          Or drop files and folders anywhere on this window. Nothing leaves your computer.
        </p>
      </div>
    </section>
  );
}
