// Full-text search over every paragraph: words and "quoted phrases", filtered by council,
// committee and years. Snippets arrive with matches marked by U+0002 … U+0003 and are shown with
// those words highlighted as elements, never as HTML. A result opens its meeting at the paragraph.

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseSnippet } from '../../api/text';
import { searchQuery } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { href, useQueryUpdater, useRoute } from '../../app/router';
import { useQuery } from '../../app/useQuery';
import { evidenceHref } from '../../components/Evidence';
import { Icon } from '../../components/Icon';
import { Runs } from '../../components/Runs';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { formatDate, plural } from '../../lib/format';

export const RESULTS_PER_PAGE = 25;

function yearParam(value: string | null): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 1800 && n < 2200 ? n : null;
}

export function SearchView() {
  const api = useApi();
  const route = useRoute();
  const update = useQueryUpdater();
  const { stats } = useLibrary();
  const q = route.query.get('q') ?? '';
  const council = route.query.get('council');
  const committee = route.query.get('committee');
  const yearFrom = yearParam(route.query.get('from'));
  const yearTo = yearParam(route.query.get('to'));
  const page = Math.max(1, Number(route.query.get('page')) || 1);
  const [text, setText] = useState(q);
  // The box follows the address (back and forward) without an effect that could land late.
  const [shownQuery, setShownQuery] = useState(q);
  if (shownQuery !== q) {
    setShownQuery(q);
    setText(q);
  }
  const list = useRef<HTMLOListElement>(null);

  const request = searchQuery({ text: q, council, committee, yearFrom, yearTo, limit: RESULTS_PER_PAGE, offset: (page - 1) * RESULTS_PER_PAGE });
  const results = useQuery(() => api.search(request), [JSON.stringify(request)], { enabled: q.trim() !== '' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: text.trim() || null, page: null }, { push: true });
  };
  const years = (stats?.years ?? []).map((y) => y.value).sort();
  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.hit') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1);
    links[next]?.focus();
    e.preventDefault();
  };

  const yearSelect = (key: 'from' | 'to', label: string, value: number | null) => (
    <label className="filter">
      <span>{label}</span>
      <select aria-label={label} className="narrow" value={value ?? ''} onChange={(e) => update({ [key]: e.target.value || null, page: null })}>
        <option value="">Any year</option>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );

  const total = results.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));

  return (
    <div className="view search-view">
      <header className="view-head">
        <div>
          <h1>Search</h1>
          <p className="view-sub">Every paragraph of every meeting. Use "quotes" for a phrase and * for any ending: foster*.</p>
        </div>
      </header>
      <form className="search-form" onSubmit={submit} role="search">
        <div className="search-input">
          <Icon name="search" />
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder='e.g. "foster carers" recruitment' aria-label="Search text" />
          <button type="submit" className="btn primary">
            Search
          </button>
        </div>
        <div className="filters" role="group" aria-label="Search filters">
          <label className="filter">
            <span>Council</span>
            <select aria-label="Council" value={council ?? ''} onChange={(e) => update({ council: e.target.value || null, page: null })}>
              <option value="">All</option>
              {(stats?.councils ?? []).map((c) => (
                <option key={c.value} value={c.value}>
                  {c.value}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span>Committee</span>
            <select aria-label="Committee" value={committee ?? ''} onChange={(e) => update({ committee: e.target.value || null, page: null })}>
              <option value="">All</option>
              {(stats?.committees ?? []).map((c) => (
                <option key={c.value} value={c.value}>
                  {c.value}
                </option>
              ))}
            </select>
          </label>
          {yearSelect('from', 'From', yearFrom)}
          {yearSelect('to', 'To', yearTo)}
        </div>
      </form>

      {!q.trim() ? (
        <Empty title="Search the minutes" icon="search">
          Try <a href={href('search', null, { q: 'foster*' })}>foster*</a>, <a href={href('search', null, { q: '"emergency accommodation"' })}>"emergency accommodation"</a> or{' '}
          <a href={href('search', null, { q: 'caseload' })}>caseload</a>.
        </Empty>
      ) : results.error ? (
        <ErrorPanel error={results.error} />
      ) : !results.data ? (
        <Loading label="Searching…" />
      ) : results.data.hits.length === 0 ? (
        <Empty title={`Nothing matches “${q}”`} icon="search">
          Check the spelling, remove a filter, or try a shorter word with *.
        </Empty>
      ) : (
        <div className={results.loading ? 'results reloading' : 'results'}>
          <p className="result-count" aria-live="polite">
            {plural(total, 'paragraph')} match{total === 1 ? 'es' : ''} <strong>{q}</strong>
            {pages > 1 ? ` · page ${page} of ${pages}` : ''}
          </p>
          {results.data.note && (
            <p className="notice" role="note">
              <Icon name="info" size={14} /> {results.data.note}
            </p>
          )}
          <ol className="hits" ref={list} onKeyDown={onListKey}>
            {results.data.hits.map((hit) => (
              <li key={hit.paragraphId}>
                <a className="hit" href={evidenceHref(hit)}>
                  <span className="hit-source">
                    <strong>{hit.council ?? 'Council not found'}</strong>
                    {hit.committee && <span> · {hit.committee}</span>}
                    <span> · {formatDate(hit.date, 'undated')}</span>
                    {hit.itemNumber && <span className="muted"> · item {hit.itemNumber}</span>}
                    {hit.itemTitle && <span className="muted"> {hit.itemTitle}</span>}
                    <span className="muted"> · p. {hit.page}</span>
                  </span>
                  <Runs runs={parseSnippet(hit.snippet)} className="hit-snippet" />
                </a>
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav className="pager" aria-label="Result pages">
              <button type="button" className="btn small" disabled={page <= 1} onClick={() => update({ page: page - 1 > 1 ? page - 1 : null }, { push: true })}>
                <Icon name="chevronLeft" size={14} /> Previous
              </button>
              <button type="button" className="btn small" disabled={page >= pages} onClick={() => update({ page: page + 1 }, { push: true })}>
                Next <Icon name="chevronRight" size={14} />
              </button>
            </nav>
          )}
        </div>
      )}
    </div>
  );
}
