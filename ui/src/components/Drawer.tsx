// A panel that slides in from the right over the view: import progress, passages behind a cell.
// Escape closes it; focus moves into it when it opens and back where it was when it closes.

import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';

export function Drawer({
  title,
  open,
  onClose,
  children,
  footer,
  wide,
  label,
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  /** The accessible name, when the title is not plain text. */
  label?: string;
}) {
  const panel = useRef<HTMLDivElement>(null);
  // The latest onClose, so that a parent re-rendering (an import reporting progress) does not
  // re-run the effect below and pull focus back into the panel.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [open]);

  if (!open) return null;
  return (
    <div className="drawer-layer">
      <div className="drawer-scrim" onClick={onClose} aria-hidden="true" />
      <div
        ref={panel}
        className={wide ? 'drawer wide' : 'drawer'}
        role="dialog"
        aria-modal="false"
        aria-label={label ?? (typeof title === 'string' ? title : undefined)}
        tabIndex={-1}
      >
        <header className="drawer-head">
          <h2>{title}</h2>
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Close panel" title="Close (Esc)">
            <Icon name="close" />
          </button>
        </header>
        <div className="drawer-body">{children}</div>
        {footer && <footer className="drawer-foot">{footer}</footer>}
      </div>
    </div>
  );
}
