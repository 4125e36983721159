// The meeting's source text prepared for display: pages joined as the backend joins them, every
// extracted fact turned from a byte span into a mark, and the text cut into segments that know
// which page, paragraph and facts they belong to. Pure functions, tested without React.

import type { MeetingDetail, Span, Theme } from '../../api/model';
import { findMatches } from '../../api/patterns';
import { ByteIndex, joinPages, segmentText, type Mark, type Segment } from '../../api/text';

export type FactKind = 'paragraph' | 'item' | 'resolution' | 'figure' | 'evidence' | 'theme';

/** Mark keys: `p:3` paragraph 3, `i:1` item 1's heading, `r:0` resolution 0, `f:2` figure 2, `e:council`. */
export function factKey(kind: FactKind, id: number | string): string {
  const prefix = { paragraph: 'p', item: 'i', resolution: 'r', figure: 'f', evidence: 'e', theme: 't' }[kind];
  return `${prefix}:${id}`;
}

export type SourcePage = { number: number; segments: Segment[] };
export type PreparedSource = { text: string; pages: SourcePage[]; marks: Mark[] };

/**
 * Turns the detail's byte spans into marks over the joined text and cuts it page by page. With a
 * theme, every word its patterns match in a non-standing paragraph is marked too (`t:<id>`), so
 * the reader sees why the meeting counts under that theme.
 */
export function prepareSource(detail: MeetingDetail, theme: Theme | null = null): PreparedSource {
  const joined = joinPages(detail.pages);
  const index = new ByteIndex(joined.text);
  const marks: Mark[] = [];
  const add = (span: Span | null | undefined, key: string) => {
    if (!span) return;
    const range = index.range(span);
    if (range.end > range.start) marks.push({ ...range, key });
  };
  const { record } = detail;
  record.paragraphs.forEach((p, i) => add(p.span, factKey('paragraph', i)));
  record.items.forEach((item, i) => {
    // Only the heading line is marked, so a whole item is not painted.
    const range = index.range(item.span);
    const newline = joined.text.indexOf('\n', range.start);
    const end = newline >= 0 && newline < range.end ? newline : range.end;
    if (end > range.start) marks.push({ start: range.start, end, key: factKey('item', i) });
  });
  record.resolutions.forEach((r, i) => add(r.span, factKey('resolution', i)));
  record.figures.forEach((f, i) => add(f.span, factKey('figure', i)));
  add(record.council.span, factKey('evidence', 'council'));
  add(record.committee.span, factKey('evidence', 'committee'));
  add(record.meetingDate.span, factKey('evidence', 'meetingDate'));
  if (theme) marks.push(...themeMarks(detail, theme, joined.text, index));

  const pages: SourcePage[] = joined.pages.map((page) => {
    const pageText = joined.text.slice(page.start, page.end);
    const local = marks
      .filter((m) => m.end > page.start && m.start < page.end)
      .map((m) => ({ ...m, start: m.start - page.start, end: m.end - page.start }));
    return { number: page.number, segments: segmentText(pageText, local) };
  });
  return { text: joined.text, pages, marks };
}

/** Where a theme's patterns match in the meeting's non-standing paragraphs, as marks. */
export function themeMarks(detail: MeetingDetail, theme: Theme, text: string, index: ByteIndex): Mark[] {
  const key = factKey('theme', theme.id);
  const marks: Mark[] = [];
  detail.record.paragraphs.forEach((p) => {
    const item = p.itemIndex === null ? undefined : detail.record.items[p.itemIndex];
    if (item?.standing) return;
    const { start, end } = index.range(p.span);
    const paragraph = text.slice(start, end);
    if (theme.exclude.length > 0 && findMatches(paragraph, theme.exclude).length > 0) return;
    for (const m of findMatches(paragraph, theme.include)) marks.push({ start: start + m.start, end: start + m.end, key });
  });
  return marks;
}

/** The CSS classes for a segment: what kind of fact it shows, and whether it is flashing. */
export function segmentClass(keys: ReadonlyArray<string>, flashing: ReadonlySet<string>, showHighlights: boolean): string {
  const classes: string[] = [];
  if (showHighlights) {
    if (keys.some((k) => k.startsWith('f:'))) classes.push('hl-figure');
    else if (keys.some((k) => k.startsWith('r:'))) classes.push('hl-resolution');
    if (keys.some((k) => k.startsWith('e:'))) classes.push('hl-evidence');
    if (keys.some((k) => k.startsWith('i:'))) classes.push('hl-item');
  }
  if (keys.some((k) => k.startsWith('t:'))) classes.push('hl-theme');
  if (keys.some((k) => flashing.has(k))) classes.push('flash');
  return classes.join(' ');
}

/** The index of the paragraph with a database id, or -1. */
export function paragraphIndexOf(detail: MeetingDetail, paragraphId: number): number {
  return detail.paragraphIds.indexOf(paragraphId);
}

/** The paragraph containing a span (a resolution's), or -1. */
export function paragraphContaining(detail: MeetingDetail, span: Span): number {
  return detail.record.paragraphs.findIndex((p) => p.span.start <= span.start && p.span.end >= span.end);
}
