// The states every view can be in besides "here is your data": loading, failed, and nothing to
// show. One look for all of them keeps the app calm and predictable.

import type { ReactNode } from 'react';
import { friendlyError } from '../api/errors';
import { Icon } from './Icon';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorPanel({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const friendly = friendlyError(error);
  return (
    <div className={compact ? 'state state-error compact' : 'state state-error'} role="alert">
      <Icon name="alert" size={compact ? 18 : 28} />
      <div>
        <p className="state-title">{friendly.title}</p>
        {friendly.hint && <p className="state-hint">{friendly.hint}</p>}
        {friendly.detail && friendly.detail !== friendly.title && (
          <p className="state-detail">
            <code>{friendly.code}</code> {friendly.detail}
          </p>
        )}
        {onRetry && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function Empty({ title, children, icon = 'info' }: { title: string; children?: ReactNode; icon?: Parameters<typeof Icon>[0]['name'] }) {
  return (
    <div className="state state-empty">
      <Icon name={icon} size={28} />
      <div>
        <p className="state-title">{title}</p>
        {children && <div className="state-hint">{children}</div>}
      </div>
    </div>
  );
}
