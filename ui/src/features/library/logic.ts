// The library table's logic, apart from React so it can be tested directly: reading filters from
// the address, sorting by a column, and validating a correction before it is sent.

import type { DocKind, MeetingFilter, MeetingSort, MeetingSummary } from '../../api/model';
import { meetingFilter } from '../../api/types';

export const PAGE_SIZE = 50;

const KINDS: DocKind[] = ['minutes', 'report', 'agenda_item', 'unknown'];
const SORTS: MeetingSort[] = ['dateDesc', 'dateAsc', 'council', 'committee', 'importedDesc', 'confidence'];

/** The filter and page the address asks for. Unknown values are ignored, not errors. */
export function filterFromQuery(query: URLSearchParams): { filter: MeetingFilter; page: number } {
  const year = Number(query.get('year'));
  const kind = query.get('kind') as DocKind | null;
  const sort = query.get('sort') as MeetingSort | null;
  const page = Math.max(1, Math.floor(Number(query.get('page')) || 1));
  return {
    page,
    filter: meetingFilter({
      council: query.get('council') || null,
      committee: query.get('committee') || null,
      year: Number.isInteger(year) && year > 0 ? year : null,
      kind: kind && KINDS.includes(kind) ? kind : null,
      needsReview: query.get('review') === '1',
      sort: sort && SORTS.includes(sort) ? sort : 'dateDesc',
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
    }),
  };
}

export type SortableColumn = 'date' | 'council' | 'committee' | 'confidence';

/** The sort a click on a column header asks for: date toggles direction, others sort ascending. */
export function nextSort(current: MeetingSort, column: SortableColumn): MeetingSort {
  switch (column) {
    case 'date':
      return current === 'dateDesc' ? 'dateAsc' : 'dateDesc';
    case 'council':
      return 'council';
    case 'committee':
      return 'committee';
    case 'confidence':
      return 'confidence';
  }
}

/** `aria-sort` for a column under the current sort. */
export function ariaSort(current: MeetingSort, column: SortableColumn): 'ascending' | 'descending' | 'none' {
  if (column === 'date') return current === 'dateDesc' ? 'descending' : current === 'dateAsc' ? 'ascending' : 'none';
  if (column === 'confidence') return current === 'confidence' ? 'ascending' : 'none';
  return current === column ? 'ascending' : 'none';
}

export type CorrectionDraft = { council: string; committee: string; meetingDate: string };

/** Whether a YYYY-MM-DD string is a real calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1800 && y <= 2200;
}

/** Problems with a draft correction, by field; empty when it can be saved. */
export function validateCorrection(draft: CorrectionDraft): Partial<Record<keyof CorrectionDraft, string>> {
  const problems: Partial<Record<keyof CorrectionDraft, string>> = {};
  if (draft.council.trim().length === 1) problems.council = 'A council name needs more than one letter.';
  if (draft.committee.trim().length === 1) problems.committee = 'A committee name needs more than one letter.';
  const date = draft.meetingDate.trim();
  if (date && !isIsoDate(date)) problems.meetingDate = 'Write the date as YYYY-MM-DD, e.g. 2023-03-14.';
  return problems;
}

/** The corrections a draft makes to a meeting: only fields that changed. An emptied field reverts. */
export function correctionsFrom(meeting: MeetingSummary, draft: CorrectionDraft): Array<{ field: 'council' | 'committee' | 'meetingDate'; value: string | null }> {
  const changes: Array<{ field: 'council' | 'committee' | 'meetingDate'; value: string | null }> = [];
  const compare = (field: 'council' | 'committee' | 'meetingDate', before: string | null, after: string) => {
    const value = after.trim();
    if (value === (before ?? '')) return;
    changes.push({ field, value: value === '' ? null : value });
  };
  compare('council', meeting.council, draft.council);
  compare('committee', meeting.committee, draft.committee);
  compare('meetingDate', meeting.date, draft.meetingDate);
  return changes;
}

/** A readable name for a document kind. */
export function kindLabel(kind: DocKind): string {
  return { minutes: 'Minutes', report: 'Report', agenda_item: 'Agenda item', unknown: 'Unrecognised' }[kind];
}
