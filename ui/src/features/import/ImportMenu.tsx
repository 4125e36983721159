// The top bar's Import button: files by default, a folder from the menu beside it.

import { useEffect, useRef, useState } from 'react';
import { useLibrary } from '../../app/library';
import { Icon } from '../../components/Icon';

export function ImportMenu({ shortcut }: { shortcut: string }) {
  const { pickAndImport, importState } = useLibrary();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', key);
    };
  }, [open]);

  const pick = (what: 'files' | 'folder') => {
    setOpen(false);
    void pickAndImport(what);
  };

  return (
    <div className="split-button" ref={root}>
      <button type="button" className="btn primary" onClick={() => pick('files')} disabled={importState.running} title={`Import minutes (${shortcut})`}>
        <Icon name="import" />
        Import
      </button>
      <button
        type="button"
        className="btn primary split-toggle"
        aria-label="More import options"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        disabled={importState.running}
      >
        <Icon name="chevronDown" size={16} />
      </button>
      {open && (
        <div className="menu" role="menu">
          <button type="button" role="menuitem" onClick={() => pick('files')}>
            <Icon name="file" /> Import files…
            <kbd>{shortcut}</kbd>
          </button>
          <button type="button" role="menuitem" onClick={() => pick('folder')}>
            <Icon name="folder" /> Import a folder…
          </button>
        </div>
      )}
    </div>
  );
}
