// The passages behind a heatmap cell or a trend point: every paragraph of that council (and
// period) the theme matched, as keyword-in-context lines that open the meeting.

import { useApi } from '../../app/ApiContext';
import { useQuery } from '../../app/useQuery';
import { Drawer } from '../../components/Drawer';
import { KwicList } from '../../components/Kwic';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { plural } from '../../lib/format';

export const PASSAGE_LIMIT = 60;

export function PassagesDrawer({
  themeId,
  themeLabel,
  council,
  period,
  onClose,
}: {
  themeId: string;
  themeLabel: string;
  council: string | null;
  period: string | null;
  onClose: () => void;
}) {
  const api = useApi();
  const query = useQuery(() => api.themePassages(themeId, council, period, PASSAGE_LIMIT), [themeId, council, period]);
  const where = [council ?? 'all councils', period].filter(Boolean).join(', ');
  return (
    <Drawer open wide onClose={onClose} title={`${themeLabel} — ${where}`}>
      {query.error ? (
        <ErrorPanel error={query.error} onRetry={query.reload} compact />
      ) : !query.data ? (
        <Loading label="Finding passages…" />
      ) : query.data.length === 0 ? (
        <Empty title="No passages">This theme does not appear here.</Empty>
      ) : (
        <>
          <p className="muted drawer-intro">
            {query.data.length >= PASSAGE_LIMIT ? `The ${PASSAGE_LIMIT} most recent passages` : plural(query.data.length, 'passage')} · click one to open it in its
            meeting
          </p>
          <KwicList lines={query.data} showCouncil={council === null} label={`Passages on ${themeLabel}`} />
        </>
      )}
    </Drawer>
  );
}
