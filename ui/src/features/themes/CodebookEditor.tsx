// The codebook: the user's themes and the patterns that find them. Editing a draft pattern shows,
// live, how many paragraphs it would match across the library (debounced `preview_pattern`), with
// examples. Saving re-applies the codebook to the whole library, with progress in the sidebar.

import { useState } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import type { Codebook, Theme } from '../../api/model';
import { patternProblem } from '../../api/patterns';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { useDebounced, useQuery } from '../../app/useQuery';
import { Icon } from '../../components/Icon';
import { KwicList } from '../../components/Kwic';
import { plural } from '../../lib/format';
import { codebookChanged, groupThemes, themeId } from './logic';

export const PREVIEW_DEBOUNCE_MS = 300;

function PatternPreview({ pattern }: { pattern: string }) {
  const api = useApi();
  const settled = useDebounced(pattern.trim(), PREVIEW_DEBOUNCE_MS);
  const problem = settled ? patternProblem(settled) : null;
  const query = useQuery(() => api.previewPattern(settled), [settled], { enabled: settled !== '' && problem === null });
  if (!pattern.trim()) return null;
  if (problem) return <p className="field-error">{problem}</p>;
  if (settled !== pattern.trim() || (query.loading && !query.data)) return <p className="muted preview-line">Counting matches…</p>;
  if (query.error) return <p className="field-error">{friendlyError(query.error).title}: {query.error.message}</p>;
  if (!query.data) return null;
  return (
    <div className="preview" aria-live="polite">
      <p className="preview-line">
        <strong>“{query.data.pattern}”</strong> matches {query.data.capped ? 'at least ' : ''}
        {plural(query.data.paragraphs, 'paragraph')} in {plural(query.data.meetings, 'meeting')}
      </p>
      {query.data.examples.length > 0 && <KwicList lines={query.data.examples.slice(0, 3)} label="Example matches" />}
    </div>
  );
}

function PatternList({
  title,
  patterns,
  onChange,
  hint,
}: {
  title: string;
  patterns: string[];
  onChange: (patterns: string[]) => void;
  hint: string;
}) {
  const [draft, setDraft] = useState('');
  const problem = draft.trim() ? patternProblem(draft) : null;
  const add = () => {
    const value = draft.trim().toLowerCase();
    if (!value || problem || patterns.includes(value)) return;
    onChange([...patterns, value]);
    setDraft('');
  };
  return (
    <fieldset className="patterns">
      <legend>{title}</legend>
      <p className="muted small-text">{hint}</p>
      <ul className="pattern-chips">
        {patterns.map((p) => (
          <li key={p} className="pattern-chip">
            <code>{p}</code>
            <button type="button" aria-label={`Remove pattern ${p}`} onClick={() => onChange(patterns.filter((x) => x !== p))}>
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
        {patterns.length === 0 && <li className="muted">None yet.</li>}
      </ul>
      <div className="pattern-add">
        <input
          value={draft}
          placeholder="word, phrase or prefix*"
          aria-label={`New pattern for ${title.toLowerCase()}`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn small" onClick={add} disabled={!draft.trim() || problem !== null}>
          <Icon name="plus" size={14} /> Add
        </button>
      </div>
      <PatternPreview pattern={draft} />
    </fieldset>
  );
}

export function CodebookEditor({ saved, onSaved }: { saved: Codebook; onSaved: () => void }) {
  const { themes: themesProgress, saveCodebook } = useLibrary();
  const [draft, setDraft] = useState<Codebook>(saved);
  const [selected, setSelected] = useState<string | null>(saved.themes[0]?.id ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // A newly saved codebook replaces the draft. Done during render, not in an effect: a late
  // effect from the first render could otherwise wipe out what the user has just typed.
  const [base, setBase] = useState(saved);
  if (base !== saved) {
    setBase(saved);
    setDraft(saved);
  }

  const dirty = codebookChanged(draft, saved);
  const theme = draft.themes.find((t) => t.id === selected) ?? null;
  const setTheme = (changes: Partial<Theme>) =>
    setDraft((d) => ({ ...d, themes: d.themes.map((t) => (t.id === selected ? { ...t, ...changes } : t)) }));

  const addTheme = () => {
    const label = 'New theme';
    const id = themeId(label, draft);
    setDraft((d) => ({ ...d, themes: [...d.themes, { id, label, description: '', group: theme?.group ?? 'My themes', include: [], exclude: [] }] }));
    setSelected(id);
  };
  const removeTheme = () => {
    if (!theme) return;
    const index = draft.themes.findIndex((t) => t.id === theme.id);
    const rest = draft.themes.filter((t) => t.id !== theme.id);
    setDraft({ ...draft, themes: rest });
    setSelected(rest[Math.max(0, index - 1)]?.id ?? null);
  };
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await saveCodebook(draft);
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="codebook">
      <div className="codebook-list card">
        <div className="codebook-list-head">
          <h2>{draft.name}</h2>
          <button type="button" className="btn small" onClick={addTheme}>
            <Icon name="plus" size={14} /> Theme
          </button>
        </div>
        {groupThemes(draft.themes).map(({ group, themes }) => (
          <div key={group} className="codebook-group">
            <h3>{group}</h3>
            <ul aria-label={`${group} themes`}>
              {themes.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className={t.id === selected ? 'theme-pick on' : 'theme-pick'}
                    aria-current={t.id === selected ? 'true' : undefined}
                    onClick={() => setSelected(t.id)}
                  >
                    <span>{t.label}</span>
                    <span className="muted small-text">{plural(t.include.length, 'pattern')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>

      <div className="codebook-edit card">
        {theme ? (
          <>
            <div className="form-grid">
              <label>
                <span>Label</span>
                <input value={theme.label} onChange={(e) => setTheme({ label: e.target.value })} />
              </label>
              <label>
                <span>Group</span>
                <input value={theme.group} onChange={(e) => setTheme({ group: e.target.value })} />
              </label>
              <label className="wide">
                <span>What it means</span>
                <textarea rows={2} value={theme.description} onChange={(e) => setTheme({ description: e.target.value })} />
              </label>
            </div>
            <PatternList
              title="Finds paragraphs with"
              patterns={theme.include}
              onChange={(include) => setTheme({ include })}
              hint="Whole words, any case. End with * for any ending (foster* finds fostering); several words match as a phrase."
            />
            <PatternList
              title="Except paragraphs with"
              patterns={theme.exclude}
              onChange={(exclude) => setTheme({ exclude })}
              hint="A paragraph matching any of these is left out of the theme."
            />
            <div className="edit-actions spread">
              <button type="button" className="btn ghost danger small" onClick={removeTheme}>
                <Icon name="trash" size={14} /> Remove theme
              </button>
            </div>
          </>
        ) : (
          <p className="muted">Choose a theme to edit, or add one.</p>
        )}
      </div>

      <div className="codebook-bar" aria-live="polite">
        {error && (
          <span className="field-error">
            {friendlyError(error).title}: {error.message}
          </span>
        )}
        {themesProgress.running && (
          <span className="muted">
            Applying themes to the library{themesProgress.total ? ` — ${themesProgress.done}/${themesProgress.total}` : '…'}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="btn" disabled={!dirty || saving} onClick={() => setDraft(saved)}>
          Discard changes
        </button>
        <button type="button" className="btn primary" disabled={!dirty || saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save and apply'}
        </button>
      </div>
    </div>
  );
}
