// Every meeting in the library as a table: filter by council, committee, year, kind and "needs
// review"; sort by column; page through thousands of rows (the backend pages, so 10,000 meetings
// cost one page of rows); open, correct or delete a meeting. Arrow keys move between rows, Enter
// opens, Delete asks to delete.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import type { CorrectableField, MeetingSummary } from '../../api/model';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { href, navigate, useQueryUpdater, useRoute } from '../../app/router';
import { useQuery } from '../../app/useQuery';
import { Confidence } from '../../components/Confidence';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { formatDate, formatWindow, plural } from '../../lib/format';
import {
  PAGE_SIZE,
  ariaSort,
  correctionsFrom,
  filterFromQuery,
  kindLabel,
  nextSort,
  validateCorrection,
  type CorrectionDraft,
  type SortableColumn,
} from './logic';

function FieldFlags({ meeting, field }: { meeting: MeetingSummary; field: CorrectableField }) {
  return (
    <>
      {meeting.needsReview.includes(field) && (
        <span className="flag" title="Low confidence: check this value and correct it if needed">
          <Icon name="flag" size={13} />
          <span className="sr-only">needs review</span>
        </span>
      )}
      {meeting.corrected.includes(field) && <span className="tag ok">corrected</span>}
    </>
  );
}

function EditRow({
  meeting,
  councils,
  committees,
  onDone,
}: {
  meeting: MeetingSummary;
  councils: string[];
  committees: string[];
  onDone: (saved: boolean) => void;
}) {
  const api = useApi();
  const [draft, setDraft] = useState<CorrectionDraft>({
    council: meeting.council ?? '',
    committee: meeting.committee ?? '',
    meetingDate: meeting.date ?? '',
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problems = validateCorrection(draft);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = async () => {
    if (Object.keys(problems).length > 0) return;
    const changes = correctionsFrom(meeting, draft);
    if (changes.length === 0) {
      onDone(false);
      return;
    }
    setSaving(true);
    try {
      for (const change of changes) await api.correctMeeting(meeting.id, change);
      onDone(true);
    } catch (e) {
      setError(toApiError(e));
      setSaving(false);
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onDone(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
  };
  const input = (field: keyof CorrectionDraft, label: string, list?: string, ref?: React.Ref<HTMLInputElement>, placeholder?: string) => (
    <label className="edit-field">
      <span>{label}</span>
      <input
        ref={ref}
        value={draft[field]}
        list={list}
        placeholder={placeholder ?? label}
        aria-label={label}
        aria-invalid={problems[field] ? true : undefined}
        onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
        onKeyDown={onKey}
      />
      {problems[field] && <span className="field-error">{problems[field]}</span>}
    </label>
  );
  return (
    <tr className="editing">
      <td colSpan={6}>
        <div className="edit-grid" role="group" aria-label={`Correct ${meeting.fileName}`}>
          {input('meetingDate', 'Meeting date (YYYY-MM-DD)', undefined, undefined, 'YYYY-MM-DD')}
          {input('council', 'Council', 'known-councils', first)}
          {input('committee', 'Committee', 'known-committees')}
          <div className="edit-actions">
            <button type="button" className="btn primary small" onClick={() => void save()} disabled={saving || Object.keys(problems).length > 0}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn small" onClick={() => onDone(false)} disabled={saving}>
              Cancel
            </button>
          </div>
        </div>
        <p className="muted small-text edit-note">
          Corrections replace what was read from <strong>{meeting.fileName}</strong>; clear a field to go back to the extracted value.
        </p>
        {error && (
          <p className="field-error">
            {friendlyError(error).title}: {error.message}
          </p>
        )}
        <datalist id="known-councils">
          {councils.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="known-committees">
          {committees.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </td>
    </tr>
  );
}

export function LibraryView() {
  const api = useApi();
  const route = useRoute();
  const update = useQueryUpdater();
  const { stats, refresh } = useLibrary();
  const { filter, page } = filterFromQuery(route.query);
  const filterKey = JSON.stringify(filter);
  const rows = useQuery(() => api.listMeetings(filter), [filterKey]);
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<MeetingSummary | null>(null);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);
  const [focusRow, setFocusRow] = useState(0);
  const tbody = useRef<HTMLTableSectionElement>(null);

  const list = rows.data ?? [];
  const shown = list.slice(0, PAGE_SIZE);
  const hasNext = list.length > PAGE_SIZE;
  const filtered = filter.council || filter.committee || filter.year || filter.kind || filter.needsReview;

  const focusAt = useCallback((index: number) => {
    setFocusRow(index);
    const row = tbody.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[index];
    row?.focus();
  }, []);

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, meeting: MeetingSummary) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusAt(Math.min(shown.length - 1, index + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(Math.max(0, index - 1));
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusAt(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusAt(shown.length - 1);
    } else if (e.key === 'Enter') {
      navigate(href('meeting', meeting.id));
    } else if (e.key === 'Delete') {
      setDeleting(meeting);
    } else if (e.key === 'F2' || e.key.toLowerCase() === 'e') {
      e.preventDefault();
      setEditing(meeting.id);
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await api.deleteMeeting(deleting.id);
      setDeleting(null);
      refresh();
    } catch (e) {
      setDeleteError(toApiError(e));
    }
  };

  const sortHeader = (column: SortableColumn, label: string) => {
    const sort = ariaSort(filter.sort, column);
    return (
      <th scope="col" aria-sort={sort}>
        <button type="button" className="sort-button" onClick={() => update({ sort: nextSort(filter.sort, column), page: null })}>
          {label}
          {sort !== 'none' && <Icon name={sort === 'ascending' ? 'arrowUp' : 'arrowDown'} size={13} />}
        </button>
      </th>
    );
  };

  const select = (key: string, label: string, value: string | number | null, options: Array<{ value: string; label: string }>, narrow = false) => (
    <label className="filter">
      <span>{label}</span>
      <select aria-label={label} className={narrow ? 'narrow' : undefined} value={value === null ? '' : String(value)} onChange={(e) => update({ [key]: e.target.value || null, page: null })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="view library-view">
      <header className="view-head">
        <div>
          <h1>Library</h1>
          <p className="view-sub">
            {stats ? `${plural(stats.documents, 'document')} from ${plural(stats.councils.length, 'council')}` : ' '}
            {stats && stats.undated > 0 ? ` · ${stats.undated} undated` : ''}
          </p>
        </div>
        <div className="head-tools">
          <label className="filter">
            <span>Order</span>
            <select aria-label="Order" className="order" value={filter.sort} onChange={(e) => update({ sort: e.target.value, page: null })}>
              <option value="dateDesc">Newest meeting first</option>
              <option value="dateAsc">Oldest meeting first</option>
              <option value="council">Council A–Z</option>
              <option value="committee">Committee A–Z</option>
              <option value="importedDesc">Recently imported</option>
              <option value="confidence">Least confident first</option>
            </select>
          </label>
        </div>
      </header>

      <div className="filters" role="group" aria-label="Filter meetings">
        {select('council', 'Council', filter.council, (stats?.councils ?? []).map((c) => ({ value: c.value, label: `${c.value} (${c.meetings})` })))}
        {select('committee', 'Committee', filter.committee, (stats?.committees ?? []).map((c) => ({ value: c.value, label: `${c.value} (${c.meetings})` })))}
        {select('year', 'Year', filter.year, (stats?.years ?? []).map((y) => ({ value: y.value, label: `${y.value} (${y.meetings})` })), true)}
        {select('kind', 'Kind', filter.kind, [
          { value: 'minutes', label: 'Minutes' },
          { value: 'report', label: 'Reports' },
          { value: 'agenda_item', label: 'Agenda items' },
          { value: 'unknown', label: 'Unrecognised' },
        ], true)}
        <label className="filter check">
          <input type="checkbox" checked={filter.needsReview} onChange={(e) => update({ review: e.target.checked ? '1' : null, page: null })} />
          <span>Needs review{stats && stats.needsReview > 0 ? ` (${stats.needsReview})` : ''}</span>
        </label>
        {filtered && (
          <button type="button" className="btn ghost small" onClick={() => update({ council: null, committee: null, year: null, kind: null, review: null, page: null })}>
            Clear filters
          </button>
        )}
      </div>

      {rows.error ? (
        <ErrorPanel error={rows.error} onRetry={rows.reload} />
      ) : rows.data === undefined ? (
        <Loading label="Loading meetings…" />
      ) : shown.length === 0 ? (
        <Empty title={filtered ? 'No meetings match these filters' : 'No meetings yet'} icon="library">
          {filtered ? 'Clear a filter to see more.' : 'Import minutes to fill the library.'}
        </Empty>
      ) : (
        <div className={rows.loading ? 'table-wrap reloading' : 'table-wrap'}>
          <table className="table meetings-table" aria-label="Meetings" aria-rowcount={shown.length}>
            <thead>
              <tr>
                {sortHeader('date', 'Date')}
                {sortHeader('council', 'Council')}
                {sortHeader('committee', 'Committee')}
                <th scope="col">Contents</th>
                {sortHeader('confidence', 'Confidence')}
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody ref={tbody}>
              {shown.map((m, index) =>
                editing === m.id ? (
                  <EditRow
                    key={m.id}
                    meeting={m}
                    councils={(stats?.councils ?? []).map((c) => c.value)}
                    committees={(stats?.committees ?? []).map((c) => c.value)}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) refresh();
                      requestAnimationFrame(() => focusAt(index));
                    }}
                  />
                ) : (
                  <tr
                    key={m.id}
                    data-row={m.id}
                    tabIndex={index === Math.min(focusRow, shown.length - 1) ? 0 : -1}
                    className={m.needsReview.length > 0 ? 'row review' : 'row'}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('button, a, input')) return;
                      navigate(href('meeting', m.id));
                    }}
                    onKeyDown={(e) => onRowKey(e, index, m)}
                    onFocus={() => setFocusRow(index)}
                    aria-label={`${m.council ?? 'Unknown council'}, ${m.committee ?? 'unknown committee'}, ${m.date ? formatDate(m.date) : 'undated'}`}
                  >
                    <td className="cell-date">
                      {m.date ? (
                        <span className="nowrap">{formatDate(m.date)}</span>
                      ) : (
                        <span className="undated-cell">
                          <span className="muted">No date stated</span>
                          {formatWindow(m.dateWindow) && <span className="small-text">window {formatWindow(m.dateWindow)}</span>}
                        </span>
                      )}
                      <FieldFlags meeting={m} field="meetingDate" />
                    </td>
                    <td>
                      {m.council ?? <span className="muted">Not found</span>}
                      <FieldFlags meeting={m} field="council" />
                    </td>
                    <td>
                      {m.committee ?? <span className="muted">Not found</span>}
                      <FieldFlags meeting={m} field="committee" />
                    </td>
                    <td className="cell-contents">
                      <a href={href('meeting', m.id)} className="row-title">
                        {m.kind !== 'minutes' && <span className="tag">{kindLabel(m.kind)}</span>}
                        {m.title ?? m.fileName}
                      </a>
                      <span className="muted small-text">
                        {plural(m.itemCount, 'item')} · {plural(m.resolutionCount, 'resolution')} · {plural(m.figureCount, 'figure')}
                      </span>
                    </td>
                    <td>
                      <Confidence value={m.confidence} />
                    </td>
                    <td className="cell-actions">
                      <button type="button" className="icon-btn" aria-label={`Correct ${m.fileName}`} title="Correct council, committee or date (E)" onClick={() => setEditing(m.id)}>
                        <Icon name="edit" size={16} />
                      </button>
                      <button type="button" className="icon-btn danger" aria-label={`Delete ${m.fileName}`} title="Delete from the library (Delete)" onClick={() => setDeleting(m)}>
                        <Icon name="trash" size={16} />
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages">
            <span className="muted">
              Showing {(page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + shown.length}
            </span>
            <button type="button" className="btn small" disabled={page <= 1} onClick={() => update({ page: page - 1 > 1 ? page - 1 : null })}>
              <Icon name="chevronLeft" size={14} /> Previous
            </button>
            <button type="button" className="btn small" disabled={!hasNext} onClick={() => update({ page: page + 1 })}>
              Next <Icon name="chevronRight" size={14} />
            </button>
          </nav>
        </div>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this meeting?"
        confirmLabel="Delete"
        danger
        onCancel={() => {
          setDeleting(null);
          setDeleteError(null);
        }}
        onConfirm={() => void confirmDelete()}
      >
        <p>
          <strong>{deleting?.fileName}</strong> and everything read from it will be removed from the library. The file on disk
          is not touched; you can import it again later.
        </p>
        {deleteError && <p className="field-error">{friendlyError(deleteError).title}</p>}
      </ConfirmDialog>
    </div>
  );
}
