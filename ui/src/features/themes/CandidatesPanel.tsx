// Emergent themes: recurring phrases the codebook does not cover yet, ranked by how distinctive
// they are. Accepting one adds it to the codebook as a theme of its own.

import { useState } from 'react';
import { friendlyError, toApiError, type ApiError } from '../../api/errors';
import type { Codebook } from '../../api/model';
import { allOf } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useLibrary } from '../../app/library';
import { useQuery } from '../../app/useQuery';
import { EvidenceLink } from '../../components/Evidence';
import { Icon } from '../../components/Icon';
import { Empty, ErrorPanel, Loading } from '../../components/States';
import { plural } from '../../lib/format';
import { themeFromPhrase } from './logic';

export function CandidatesPanel({ codebook, onSaved }: { codebook: Codebook; onSaved: () => void }) {
  const api = useApi();
  const { saveCodebook } = useLibrary();
  const query = useQuery(() => api.emergentThemes(allOf()), [codebook]);
  const [error, setError] = useState<ApiError | null>(null);
  const [accepting, setAccepting] = useState<string | null>(null);

  const accept = async (phrase: string) => {
    setAccepting(phrase);
    setError(null);
    try {
      await saveCodebook({ ...codebook, themes: [...codebook.themes, themeFromPhrase(phrase, codebook)] });
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setAccepting(null);
    }
  };

  if (query.error) return <ErrorPanel error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Loading label="Looking for recurring phrases…" />;
  if (query.data.length === 0)
    return (
      <Empty title="No candidate themes" icon="spark">
        Every recurring phrase is already covered by a theme.
      </Empty>
    );
  const top = Math.max(...query.data.map((t) => t.score));
  return (
    <div className="candidates">
      <p className="muted">Phrases that recur across meetings but no theme covers yet, most distinctive first.</p>
      {error && <p className="field-error">{friendlyError(error).title}: {error.message}</p>}
      <ul className="candidate-list">
        {query.data.map((t) => (
          <li key={t.phrase} className="card candidate">
            <div className="candidate-head">
              <h3>{t.phrase}</h3>
              <span className="bar" aria-hidden="true" title={`Score ${t.score.toFixed(2)}`}>
                <span style={{ width: `${(t.score / top) * 100}%` }} />
              </span>
              <span className="muted small-text">
                {plural(t.meetings, 'meeting')} · {t.councils.join(', ')}
              </span>
              <button type="button" className="btn small" onClick={() => void accept(t.phrase)} disabled={accepting !== null}>
                <Icon name="plus" size={14} /> {accepting === t.phrase ? 'Adding…' : 'Add as theme'}
              </button>
            </div>
            <ul className="candidate-evidence">
              {t.evidence.slice(0, 2).map((e) => (
                <li key={e.paragraphId}>
                  <q>{e.text}</q>
                  <EvidenceLink evidence={e} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
