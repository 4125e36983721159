// Shown over the whole window while files are dragged over it.

import { Icon } from '../../components/Icon';

export function DropOverlay() {
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-card">
        <Icon name="import" size={40} />
        <p className="drop-title">Drop minutes to import them</p>
        <p className="drop-hint">Text, Markdown, web pages and PDFs — files or whole folders.</p>
      </div>
    </div>
  );
}
