// Themes: the heatmap of themes × councils, trend lines over time, the codebook editor and
// candidate emergent themes. The passages behind a cell or point open in a drawer; the tab and the
// open drawer live in the address, so back closes the drawer.

import { useCallback } from 'react';
import { allOf } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useQueryUpdater, useRoute } from '../../app/router';
import { useQuery } from '../../app/useQuery';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { CandidatesPanel } from './CandidatesPanel';
import { CodebookEditor } from './CodebookEditor';
import { HeatmapTable } from './HeatmapTable';
import { PassagesDrawer } from './PassagesDrawer';
import { TrendsPanel } from './TrendsPanel';

type Tab = 'heatmap' | 'trends' | 'codebook' | 'candidates';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'heatmap', label: 'Heatmap' },
  { id: 'trends', label: 'Trends' },
  { id: 'codebook', label: 'Codebook' },
  { id: 'candidates', label: 'Candidates' },
];

export function ThemesView() {
  const api = useApi();
  const route = useRoute();
  const update = useQueryUpdater();
  const tab = TABS.find((t) => t.id === route.query.get('tab'))?.id ?? 'heatmap';
  const codebook = useQuery(() => api.getCodebook(), []);
  const heatmap = useQuery(() => api.heatmap(allOf()), [], { enabled: tab === 'heatmap' });
  const openTheme = route.query.get('theme');
  const openCouncil = route.query.get('council');
  const openPeriod = route.query.get('in');

  const open = useCallback(
    (theme: string, council: string | null, period: string | null) => update({ theme, council, in: period }, { push: true }),
    [update],
  );
  const close = useCallback(() => update({ theme: null, council: null, in: null }), [update]);
  const themeLabel = codebook.data?.themes.find((t) => t.id === openTheme)?.label ?? openTheme ?? '';

  return (
    <div className="view themes-view">
      <header className="view-head">
        <div>
          <h1>Themes</h1>
          <p className="view-sub">
            {codebook.data ? `${codebook.data.themes.length} themes in “${codebook.data.name}”` : ' '}
          </p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Themes views">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={tab === t.id ? 'tab on' : 'tab'}
            onClick={() => update({ tab: t.id === 'heatmap' ? null : t.id, theme: null, council: null, in: null }, { push: true })}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {codebook.error ? (
          <ErrorPanel error={codebook.error} onRetry={codebook.reload} />
        ) : !codebook.data ? (
          <Loading label="Loading the codebook…" />
        ) : tab === 'heatmap' ? (
          heatmap.error ? (
            <ErrorPanel error={heatmap.error} onRetry={heatmap.reload} />
          ) : !heatmap.data ? (
            <Loading label="Counting themes…" />
          ) : heatmap.data.councils.length === 0 || heatmap.data.themes.length === 0 ? (
            <Empty title="Nothing to map yet" icon="themes">
              The heatmap fills in once meetings with a known council are in the library and the codebook has themes.
            </Empty>
          ) : (
            <HeatmapTable heatmap={heatmap.data} onOpen={(theme, council) => open(theme, council, null)} />
          )
        ) : tab === 'trends' ? (
          <TrendsPanel codebook={codebook.data} onOpen={(theme, council, period) => open(theme, council, period)} />
        ) : tab === 'codebook' ? (
          <CodebookEditor saved={codebook.data} onSaved={codebook.reload} />
        ) : (
          <CandidatesPanel codebook={codebook.data} onSaved={codebook.reload} />
        )}
      </div>

      {openTheme && <PassagesDrawer themeId={openTheme} themeLabel={themeLabel} council={openCouncil} period={openPeriod} onClose={close} />}
    </div>
  );
}
