// A row of council toggles where none picked means all: the scope picker the timeline and the
// trend chart share. The chosen councils live in the address under `key`.

import { useLibrary } from '../app/library';
import { useQueryUpdater } from '../app/router';

export function CouncilChips({ chosen, queryKey, label }: { chosen: string[]; queryKey: string; label: string }) {
  const { stats } = useLibrary();
  const update = useQueryUpdater();
  const toggle = (council: string) => {
    const next = chosen.includes(council) ? chosen.filter((c) => c !== council) : [...chosen, council];
    update({ [queryKey]: next.length > 0 ? next : null });
  };
  return (
    <div className="chips" role="group" aria-label={label}>
      <span className="chips-label">Councils</span>
      {(stats?.councils ?? []).map((c) => (
        <button
          key={c.value}
          type="button"
          className={chosen.length === 0 || chosen.includes(c.value) ? 'chip on' : 'chip'}
          aria-pressed={chosen.includes(c.value)}
          onClick={() => toggle(c.value)}
        >
          {c.value}
        </button>
      ))}
      {chosen.length > 0 && (
        <button type="button" className="btn ghost small" onClick={() => update({ [queryKey]: null })}>
          Show all
        </button>
      )}
    </div>
  );
}
