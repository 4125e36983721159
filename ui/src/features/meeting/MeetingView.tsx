// One meeting: what was read from it on the left, the source text on the right. Every fact —
// council, committee, date, an agenda item, a resolution, a figure — is a button that scrolls the
// source to its passage and flashes it; `?para=ID` in the address does the same for a paragraph,
// which is how search results, heatmap passages and comparison figures link here.

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import type { CorrectableField, MeetingDetail, Person } from '../../api/model';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { href, useRoute } from '../../app/router';
import { useQuery } from '../../app/useQuery';
import { Confidence } from '../../components/Confidence';
import { Icon } from '../../components/Icon';
import { ErrorPanel, Loading } from '../../components/States';
import { formatDate, formatFigure, formatShare, formatUndated, plural } from '../../lib/format';
import { isIsoDate } from '../library/logic';
import { FollowUps } from './FollowUps';
import { factKey, paragraphContaining, paragraphIndexOf, prepareSource, segmentClass, type PreparedSource } from './source';

const FLASH_MS = 1800;

function PeopleList({ people, label }: { people: Person[]; label: string }) {
  if (people.length === 0) return null;
  return (
    <div className="people">
      <h4>
        {label} <span className="muted">({people.length})</span>
      </h4>
      <ul>
        {people.map((p, i) => (
          <li key={`${p.name}-${i}`}>
            <span className="person-name">{p.name}</span>
            {p.chair && <span className="tag accent">Chair</span>}
            {p.viceChair && <span className="tag">Vice-chair</span>}
            {p.role && <span className="person-role">{p.role}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section className="fact-section" id={id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
      </h3>
      {children}
    </section>
  );
}

/** A correctable field: value, confidence, the passage it came from, and an inline correction. */
function MetadataRow({
  detail,
  field,
  label,
  value,
  onShow,
  onCorrected,
}: {
  detail: MeetingDetail;
  field: CorrectableField;
  label: string;
  value: string | null;
  onShow: () => void;
  onCorrected: () => void;
}) {
  const api = useApi();
  const source = field === 'council' ? detail.record.council : field === 'committee' ? detail.record.committee : detail.record.meetingDate;
  const [editing, setEditing] = useState(false);
  const raw = field === 'meetingDate' ? detail.meeting.date : value;
  const [draft, setDraft] = useState(raw ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const problem =
    field === 'meetingDate' && draft.trim() && !isIsoDate(draft.trim()) ? 'Write the date as YYYY-MM-DD.' : null;

  const save = async (next: string | null) => {
    setSaving(true);
    try {
      await api.correctMeeting(detail.meeting.id, { field, value: next });
      setEditing(false);
      setError(null);
      onCorrected();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  };

  const corrected = detail.meeting.corrected.includes(field);
  const review = detail.meeting.needsReview.includes(field);
  return (
    <div className={review ? 'meta-row review' : 'meta-row'}>
      <dt>{label}</dt>
      <dd>
        {editing ? (
          <form
            className="inline-edit"
            onSubmit={(e) => {
              e.preventDefault();
              if (!problem) void save(draft.trim() === '' ? null : draft.trim());
            }}
          >
            <input
              autoFocus
              value={draft}
              aria-label={`Correct the ${label.toLowerCase()}`}
              placeholder={field === 'meetingDate' ? 'YYYY-MM-DD' : label}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setEditing(false);
                }
              }}
            />
            <button type="submit" className="btn primary small" disabled={saving || problem !== null}>
              Save
            </button>
            <button type="button" className="btn small" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {problem && <span className="field-error">{problem}</span>}
            {error && <span className="field-error">{friendlyError(error).title}: {error.message}</span>}
          </form>
        ) : (
          <>
            <div className="meta-value">
              <span className={value ? '' : 'muted'}>
                {value ?? (field === 'meetingDate' ? formatUndated(detail.meeting.dateWindow ?? detail.record.meetingDate.window) : 'Not found')}
              </span>
              {review && (
                <span className="tag warn" title="Low confidence: check this value against the source">
                  <Icon name="flag" size={12} /> check
                </span>
              )}
              {corrected && <span className="tag ok">corrected</span>}
              <span className="spacer" />
              {corrected && (
                <button type="button" className="link-btn small-text" onClick={() => void save(null)} title="Go back to what was extracted">
                  Undo
                </button>
              )}
              <button
                type="button"
                className="icon-btn small"
                aria-label={`Correct the ${label.toLowerCase()}`}
                title="Correct"
                onClick={() => {
                  setDraft(raw ?? '');
                  setEditing(true);
                }}
              >
                <Icon name="edit" size={14} />
              </button>
            </div>
            <div className="meta-tools">
              <Confidence value={source.confidence} />
              {source.evidence ? (
                <button type="button" className="evidence-chip" onClick={onShow} title={`Read from: “${source.evidence}”${source.page ? ` (page ${source.page}) — click to show it in the text` : ''}`}>
                  <Icon name="quote" size={12} />
                  <span className="evidence-text">{source.evidence}</span>
                  {source.page && <span className="muted">p.{source.page}</span>}
                </button>
              ) : (
                <span className="muted small-text">not stated in the text</span>
              )}
            </div>
          </>
        )}
      </dd>
    </div>
  );
}

function SourceText({
  source,
  detail,
  flashing,
  selected,
  showHighlights,
  container,
}: {
  source: PreparedSource;
  detail: MeetingDetail;
  flashing: ReadonlySet<string>;
  selected: string | null;
  showHighlights: boolean;
  container: React.RefObject<HTMLDivElement | null>;
}) {
  const seen = new Set<string>();
  return (
    <div className="source-scroll" ref={container} tabIndex={0} aria-label="Source text">
      {source.pages.map((page) => (
        <section key={page.number} className="page" aria-label={`Page ${page.number}`}>
          <div className="page-label">Page {page.number}</div>
          <div className="page-text">
            {page.segments.map((segment) => {
              if (segment.keys.length === 0) return segment.text;
              const paragraph = segment.keys.find((k) => k.startsWith('p:'));
              let id: string | undefined;
              if (paragraph && !seen.has(paragraph)) {
                seen.add(paragraph);
                const pid = detail.paragraphIds[Number(paragraph.slice(2))];
                if (pid !== undefined) id = `para-${pid}`;
              }
              let className = segmentClass(segment.keys, flashing, showHighlights);
              if (selected && segment.keys.includes(selected)) className += ' selected';
              return (
                <span key={segment.start} id={id} data-k={segment.keys.join(' ')} className={className || undefined}>
                  {segment.text}
                </span>
              );
            })}
          </div>
        </section>
      ))}
      {detail.removedLines.length > 0 && (
        <details className="removed-lines">
          <summary>{plural(detail.removedLines.length, 'running header or footer', 'running headers and footers')} left out of the text</summary>
          <ul>
            {detail.removedLines.map((line, i) => (
              <li key={i}>
                <span className="muted">p.{line.page}</span> {line.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function MeetingView({ id }: { id: number }) {
  const api = useApi();
  const route = useRoute();
  const { refresh } = useLibrary();
  const query = useQuery(() => api.getMeeting(id), [id], { enabled: Number.isFinite(id) });
  const detail = query.data && query.data.meeting.id === id ? query.data : undefined;
  const codebook = useQuery(() => api.getCodebook(), []);
  const [themeShown, setThemeShown] = useState<string | null>(null);
  const theme = codebook.data?.themes.find((t) => t.id === themeShown) ?? null;
  const source = useMemo(() => (detail ? prepareSource(detail, theme) : null), [detail, theme]);
  const [flashing, setFlashing] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [showHighlights, setShowHighlights] = useState(true);
  const container = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = useCallback((key: string) => {
    setSelected(key);
    setFlashing(new Set());
    requestAnimationFrame(() => {
      setFlashing(new Set([key]));
      const target = container.current?.querySelector<HTMLElement>(`[data-k~="${CSS.escape(key)}"]`);
      target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setFlashing(new Set()), FLASH_MS);
    });
  }, []);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const para = route.query.get('para');
  useEffect(() => {
    if (!detail || !para) return;
    const index = paragraphIndexOf(detail, Number(para));
    if (index >= 0) show(factKey('paragraph', index));
  }, [detail, para, show]);

  if (!Number.isFinite(id)) return <ErrorPanel error={{ code: 'not_found', message: 'That address does not name a meeting.' }} />;
  if (query.error) return <ErrorPanel error={query.error} onRetry={query.reload} />;
  if (!detail || !source) return <Loading label="Opening the meeting…" />;

  const { meeting, record, document } = detail;
  const onCorrected = () => {
    query.reload();
    refresh();
  };

  return (
    <div className="view meeting-view">
      <header className="view-head meeting-head">
        <div className="meeting-title">
          <a href={href('library')} className="back-link">
            <Icon name="chevronLeft" size={14} /> Library
          </a>
          <h1>{record.title ?? meeting.committee ?? meeting.council ?? document.fileName}</h1>
          <p className="view-sub">
            {[record.title ? meeting.committee : null, meeting.council ?? 'Council not found'].filter(Boolean).join(' · ')}
            {' · '}
            {meeting.date ? formatDate(meeting.date) : formatUndated(meeting.dateWindow)}
            {record.startTime ? ` · ${record.startTime}${record.endTime ? `–${record.endTime}` : ''}` : ''}
            {record.venue ? ` · ${record.venue}` : ''}
          </p>
        </div>
        <div className="meeting-facts">
          <span className="fact-pill" title={document.path}>
            <Icon name="file" size={14} /> {document.fileName}
          </span>
          <span className="fact-pill">
            {plural(document.pageCount, 'page')} · {document.format.toUpperCase()} · {document.extractor}
          </span>
          <span className="fact-pill">
            Overall <Confidence value={meeting.confidence} />
          </span>
        </div>
      </header>

      <div className="meeting-body">
        <div className="facts" aria-label="What was read from the minutes">
          <nav className="fact-nav" aria-label="Sections">
            <a href="#m-overview" onClick={(e) => jump(e, 'm-overview')}>Overview</a>
            <a href="#m-attendance" onClick={(e) => jump(e, 'm-attendance')}>Attendance</a>
            <a href="#m-items" onClick={(e) => jump(e, 'm-items')}>Items</a>
            <a href="#m-resolutions" onClick={(e) => jump(e, 'm-resolutions')}>Resolutions</a>
            <a href="#m-follow-ups" onClick={(e) => jump(e, 'm-follow-ups')}>Follow-ups</a>
            <a href="#m-figures" onClick={(e) => jump(e, 'm-figures')}>Figures</a>
            <a href="#m-themes" onClick={(e) => jump(e, 'm-themes')}>Themes</a>
          </nav>

          <Section id="m-overview" title="Read from the minutes">
            <dl className="meta">
              <MetadataRow detail={detail} field="council" label="Council" value={meeting.council} onShow={() => show(factKey('evidence', 'council'))} onCorrected={onCorrected} />
              <MetadataRow detail={detail} field="committee" label="Committee" value={meeting.committee} onShow={() => show(factKey('evidence', 'committee'))} onCorrected={onCorrected} />
              <MetadataRow
                detail={detail}
                field="meetingDate"
                label="Date"
                value={meeting.date ? formatDate(meeting.date) : null}
                onShow={() => show(factKey('evidence', 'meetingDate'))}
                onCorrected={onCorrected}
              />
            </dl>
            {record.diagnostics.length > 0 && (
              <ul className="diagnostics" aria-label="Notes from extraction">
                {record.diagnostics.map((d, i) => (
                  <li key={i} className={`diagnostic ${d.level}`}>
                    <Icon name={d.level === 'info' ? 'info' : 'alert'} size={14} />
                    <span>{d.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="m-attendance" title="Attendance" count={record.attendance.present.length}>
            {record.attendance.present.length + record.attendance.apologies.length + record.attendance.inAttendance.length === 0 ? (
              <p className="muted">No attendance list was found.</p>
            ) : (
              <>
                <PeopleList people={record.attendance.present} label="Present" />
                <PeopleList people={record.attendance.apologies} label="Apologies" />
                <PeopleList people={record.attendance.inAttendance} label="In attendance" />
              </>
            )}
          </Section>

          <Section id="m-items" title="Agenda items" count={record.items.length}>
            {record.items.length === 0 ? (
              <p className="muted">No numbered items were found.</p>
            ) : (
              <ol className="fact-list items">
                {record.items.map((item, i) => (
                  <li key={i} className={item.standing ? 'standing' : undefined}>
                    <button type="button" className="fact" onClick={() => show(factKey('item', i))}>
                      <span className="item-number">{item.number ?? '•'}</span>
                      <span className="item-title">{item.title}</span>
                      <span className="fact-page">p.{item.page}</span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </Section>

          <Section id="m-resolutions" title="Resolutions" count={record.resolutions.length}>
            {record.resolutions.length === 0 ? (
              <p className="muted">No resolutions were recorded.</p>
            ) : (
              <ul className="fact-list">
                {record.resolutions.map((r, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="fact resolution"
                      onClick={() => show(factKey('resolution', i))}
                      data-paragraph={detail.paragraphIds[paragraphContaining(detail, r.span)]}
                    >
                      {r.item && <span className="item-number">{r.item}</span>}
                      <span className="resolution-text">{r.text}</span>
                      <span className="fact-page">p.{r.page}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="m-follow-ups" title="Follow-ups">
            <FollowUps detail={detail} />
          </Section>

          <Section id="m-figures" title="Figures" count={record.figures.length}>
            {record.figures.length === 0 ? (
              <p className="muted">No figures were found.</p>
            ) : (
              <ul className="fact-list figures">
                {record.figures.map((f, i) => (
                  <li key={i}>
                    <button type="button" className="fact figure" onClick={() => show(factKey('figure', i))} title={f.sentence}>
                      <span className="figure-value">{formatFigure(f.value, f.valueMax, f.unit)}</span>
                      <span className="figure-what">
                        {f.approximate && <span className="tag">approx.</span>}
                        {f.what ?? <span className="figure-sentence">{f.sentence}</span>}
                      </span>
                      <span className="fact-page">p.{f.page}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="m-themes" title="Themes" count={detail.themes.length}>
            {detail.themes.length === 0 ? (
              <p className="muted">No codebook theme appears in this meeting.</p>
            ) : (
              <>
                <p className="muted small-text">Show a theme to mark the words that put this meeting under it.</p>
                <ul className="theme-bars meeting-themes">
                  {detail.themes.map((t) => {
                    const on = themeShown === t.themeId;
                    return (
                      <li key={t.themeId} className={on ? 'on' : undefined}>
                        <button
                          type="button"
                          className="theme-toggle"
                          aria-pressed={on}
                          onClick={() => {
                            const next = on ? null : t.themeId;
                            setThemeShown(next);
                            if (next) show(factKey('theme', next));
                          }}
                        >
                          <span className="theme-label">{t.label}</span>
                          <span className="bar" aria-hidden="true">
                            <span style={{ width: `${Math.min(100, t.share * 100)}%` }} />
                          </span>
                          <span className="theme-share">
                            {formatShare(t.share)} · {plural(t.hits, 'paragraph')}
                          </span>
                        </button>
                        <a
                          className="icon-btn small"
                          href={href('themes', null, { theme: t.themeId, council: meeting.council ?? undefined })}
                          title={`Every passage on ${t.label} in ${meeting.council ?? 'the library'}`}
                          aria-label={`Every passage on ${t.label}`}
                        >
                          <Icon name="chevronRight" size={14} />
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </Section>
        </div>

        <div className="source" aria-label="Source">
          <div className="source-head">
            <h2>Source text</h2>
            <div className="legend" aria-hidden={!showHighlights}>
              <span className="swatch hl-evidence">metadata</span>
              <span className="swatch hl-item">item</span>
              <span className="swatch hl-resolution">resolution</span>
              <span className="swatch hl-figure">figure</span>
              {theme && <span className="swatch hl-theme">{theme.label}</span>}
            </div>
            <label className="toggle">
              <input type="checkbox" checked={showHighlights} onChange={(e) => setShowHighlights(e.target.checked)} />
              Highlights
            </label>
          </div>
          <SourceText source={source} detail={detail} flashing={flashing} selected={selected} showHighlights={showHighlights} container={container} />
        </div>
      </div>
    </div>
  );
}

function jump(e: React.MouseEvent, id: string) {
  // Section links scroll the facts panel without touching the route in the address bar.
  e.preventDefault();
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
