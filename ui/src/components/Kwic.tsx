// Keyword-in-context lines: the words before, the keyword marked, the words after, and where the
// passage is. Clicking a line opens the meeting at that paragraph.

import type { KwicLine } from '../api/model';
import { evidenceHref, evidenceLabel } from './Evidence';

export function KwicList({ lines, showCouncil = true, label }: { lines: KwicLine[]; showCouncil?: boolean; label: string }) {
  return (
    <ol className="kwic" aria-label={label}>
      {lines.map((line, i) => (
        <li key={`${line.evidence.paragraphId}-${i}`}>
          <a href={evidenceHref(line.evidence)} className="kwic-line">
            <span className="kwic-text">
              <span className="kwic-left">{line.left}</span>
              <mark className="kwic-key">{line.keyword}</mark>
              <span className="kwic-right">{line.right}</span>
            </span>
            <span className="kwic-source">{evidenceLabel(line.evidence, { council: showCouncil })}</span>
          </a>
        </li>
      ))}
    </ol>
  );
}
