// Highlighted text as React elements: runs of plain text and <mark>ed matches. Never HTML.

import type { Run } from '../api/text';

export function Runs({ runs, className }: { runs: ReadonlyArray<Run>; className?: string }) {
  return (
    <span className={className}>
      {runs.map((run, i) => (run.match ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
    </span>
  );
}
