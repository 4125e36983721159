// How far to trust an extracted value, shown the same way everywhere: a small meter and a word.

import { confidenceLabel } from '../lib/format';

export function Confidence({ value, showWord = true }: { value: number; showWord?: boolean }) {
  const level = confidenceLabel(value);
  const percent = Math.round(value * 100);
  return (
    <span className={`confidence ${level}`} title={`Extraction confidence ${percent}%`} aria-label={`Confidence ${percent}%, ${level}`}>
      <span className="confidence-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(4, percent)}%` }} />
      </span>
      {showWord && <span className="confidence-word">{level}</span>}
    </span>
  );
}
