// Where a number or passage came from, as a link that opens the meeting at that paragraph.

import type { EvidenceRef } from '../api/model';
import { href } from '../app/router';
import { formatDate } from '../lib/format';

export function evidenceHref(evidence: Pick<EvidenceRef, 'meetingId' | 'paragraphId'>): string {
  return href('meeting', evidence.meetingId, { para: evidence.paragraphId });
}

/** "Harrowfield Borough Council · 14 Mar 2023 · item 16/23 · p. 3" */
export function evidenceLabel(evidence: EvidenceRef, options: { council?: boolean } = {}): string {
  const parts: string[] = [];
  if (options.council !== false && evidence.council) parts.push(evidence.council);
  if (evidence.committee && options.council !== false) parts.push(evidence.committee);
  parts.push(formatDate(evidence.date, 'undated'));
  if (evidence.itemNumber) parts.push(`item ${evidence.itemNumber}`);
  parts.push(`p. ${evidence.page}`);
  return parts.join(' · ');
}

export function EvidenceLink({ evidence, council = true, className }: { evidence: EvidenceRef; council?: boolean; className?: string }) {
  return (
    <a className={className ?? 'evidence-link'} href={evidenceHref(evidence)} title={evidence.text}>
      {evidenceLabel(evidence, { council })}
    </a>
  );
}
