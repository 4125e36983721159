// The demo library: an in-memory stand-in for the SQLite library and its analysis, built from the
// fixtures. It answers every query the real backend answers, from the same record types, so the
// views, the unit tests and the Playwright walk-through all see realistic, self-consistent data:
// a heatmap cell's passages really contain the theme's words, a figure's span really covers it.
//
// It is a model, not a reimplementation: scores such as distinctiveness or emergent-theme weight
// follow the documented formulas loosely, enough to rank plausibly.

import { ApiError } from './errors';
import { layOut } from './fixtures/layout';
import type { FixtureMeeting } from './fixtures/types';
import type {
  Action,
  ActionKind,
  AnalysisScope,
  Codebook,
  Comparison,
  CorrectableField,
  CouncilProfile,
  Correction,
  DistinctiveTheme,
  DocumentInfo,
  EmergentTheme,
  EvidenceRef,
  FacetCount,
  Heatmap,
  HeatCell,
  KwicLine,
  LibraryStats,
  MeetingDetail,
  MeetingFilter,
  MeetingRecord,
  MeetingSummary,
  Metric,
  MetricFigure,
  MetricRow,
  PageText,
  PatternPreview,
  Period,
  SearchHit,
  SearchQuery,
  SearchResults,
  SharedTheme,
  ThemeCount,
  Timeline,
  TimelineLane,
  TimelineMeeting,
  TrendPoint,
} from './model';
import { findMatches, patternProblem, patternsRegExp } from './patterns';
import { HIGHLIGHT_END, HIGHLIGHT_START, queryTerms, utf8Length } from './text';

/** Below this confidence an uncorrected field is flagged for review. */
export const REVIEW_BELOW = 0.65;

type Stored = {
  id: number;
  pages: PageText[];
  record: MeetingRecord;
  document: DocumentInfo;
  paragraphIds: number[];
  resolutionIds: number[];
  corrections: Partial<Record<CorrectableField, string>>;
  /** For each paragraph, the ids of the themes it matches (standing items never match). */
  paragraphThemes: string[][];
};

function hash(text: string): string {
  // FNV-1a, four lanes: a stable 64-hex-digit identity for demo documents (not a real SHA-256).
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = 0x811c9dc5 ^ lane;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

function year(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}

function periodKey(date: string, period: Period): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  if (period === 'year') return y;
  if (period === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${String(m).padStart(2, '0')}`;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const STOPWORDS = new Set(
  'about after again also and are back be been before being brought by can committee council for from has have into its meeting more next of on or report reported that the their them then there these this those to was were which will with within would year'.split(' '),
);

/** What a figure measures, read from its unit, its noun and the words just before it. */
export function classifyFigure(figure: { unit: string; what: string | null; sentence: string; text: string }): Metric {
  const what = (figure.what ?? '').toLowerCase();
  const sentence = figure.sentence.toLowerCase();
  const at = sentence.indexOf(figure.text.toLowerCase());
  const before = sentence.slice(Math.max(0, at - 70), Math.max(0, at));
  if (figure.unit === 'count') {
    if (what.includes('cases per social worker')) return 'caseload_per_social_worker';
    if (what.includes('fostering households')) return 'foster_carers';
    if (what.includes('looked after children')) return 'looked_after_children';
    return 'count';
  }
  if (figure.unit === 'percent') {
    if (/agency/.test(sentence) && /(staff|posts|workforce|social workers)/.test(sentence)) return 'agency_staff_share';
    return 'percentage';
  }
  const nearest = (words: string[]) => words.reduce((best, word) => Math.max(best, before.lastIndexOf(word)), -1);
  const budget = nearest(['overspend', 'budget', 'savings', 'deficit', 'gap']);
  const agency = nearest(['agency']);
  const inHouse = nearest(['in-house']);
  const placement = nearest(['placement', 'residential']);
  if (budget > Math.max(agency, inHouse, placement)) return 'budget';
  if (/placement/.test(sentence) && /(week|weekly)/.test(sentence)) {
    if (agency > inHouse) return 'placement_cost_agency';
    if (inHouse > agency) return 'placement_cost_in_house';
    return 'placement_cost';
  }
  if (/(budget|overspend|savings)/.test(sentence)) return 'budget';
  return 'money';
}

export class DemoLibrary {
  private meetings = new Map<number, Stored>();
  private nextMeetingId = 1;
  private nextParagraphId = 1;
  private nextResolutionId = 1;
  codebook: Codebook;

  constructor(codebook: Codebook) {
    this.codebook = structuredClone(codebook);
  }

  get size(): number {
    return this.meetings.size;
  }

  // -------------------------------------------------------------------------------------------
  // Writing
  // -------------------------------------------------------------------------------------------

  /** The stored meeting with these bytes, if any. */
  findByHash(sha256: string): Stored | undefined {
    return [...this.meetings.values()].find((m) => m.document.sha256 === sha256);
  }

  findByFileName(fileName: string): Stored | undefined {
    return [...this.meetings.values()].find((m) => m.document.fileName === fileName);
  }

  /** Adds a laid-out document; returns its summary. */
  add(input: { fileName: string; path: string; pages: PageText[]; record: MeetingRecord; format: DocumentInfo['format']; importedAt: string }): MeetingSummary {
    const id = this.nextMeetingId++;
    const text = input.pages.map((p) => p.text).join('\n\n');
    const stored: Stored = {
      id,
      pages: input.pages,
      record: input.record,
      document: {
        id,
        fileName: input.fileName,
        path: input.path,
        format: input.format,
        extractor: input.format === 'pdf' ? 'pdf-extract' : input.format === 'html' ? 'html' : 'plain',
        sha256: hash(text),
        bytes: utf8Length(text),
        pageCount: input.pages.length,
        importedAt: input.importedAt,
      },
      paragraphIds: input.record.paragraphs.map(() => this.nextParagraphId++),
      resolutionIds: input.record.resolutions.map(() => this.nextResolutionId++),
      corrections: {},
      paragraphThemes: [],
    };
    stored.paragraphThemes = this.themesOf(stored.record);
    this.meetings.set(id, stored);
    return this.summary(stored);
  }

  /** Adds a fixture, laid out in its house style. */
  addFixture(fixture: FixtureMeeting, path: string): MeetingSummary {
    const { pages, record } = layOut(fixture);
    return this.add({ fileName: fixture.file, path, pages, record, format: fixture.format, importedAt: fixture.importedAt });
  }

  delete(id: number): void {
    if (!this.meetings.delete(id)) throw new ApiError('not_found', `No meeting with id ${id}.`);
  }

  correct(id: number, correction: Correction): MeetingSummary {
    const stored = this.get(id);
    const value = correction.value === null ? null : correction.value.trim();
    if (value === null) {
      delete stored.corrections[correction.field];
      return this.summary(stored);
    }
    if (!value) throw new ApiError('invalid', 'A correction cannot be empty; clear it to go back to what was extracted.');
    if (correction.field === 'meetingDate') {
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
      if (!ok) throw new ApiError('invalid', `“${value}” is not a date written YYYY-MM-DD.`);
    }
    stored.corrections[correction.field] = value;
    return this.summary(stored);
  }

  setCodebook(codebook: Codebook): void {
    const ids = new Set<string>();
    for (const theme of codebook.themes) {
      if (!theme.id.trim() || !theme.label.trim()) throw new ApiError('invalid', 'Every theme needs an id and a label.');
      if (ids.has(theme.id)) throw new ApiError('invalid', `Two themes have the id “${theme.id}”.`);
      ids.add(theme.id);
      if (theme.include.length === 0) throw new ApiError('invalid', `The theme “${theme.label}” has no patterns.`);
      for (const pattern of [...theme.include, ...theme.exclude]) {
        const problem = patternProblem(pattern);
        if (problem) throw new ApiError('invalid', `The pattern “${pattern}” in “${theme.label}”: ${problem}`);
      }
    }
    this.codebook = structuredClone(codebook);
  }

  /** Re-applies the codebook to one meeting (the demo's re-theming runs meeting by meeting). */
  retheme(id: number): void {
    const stored = this.meetings.get(id);
    if (stored) stored.paragraphThemes = this.themesOf(stored.record);
  }

  ids(): number[] {
    return [...this.meetings.keys()];
  }

  private themesOf(record: MeetingRecord): string[][] {
    const compiled = this.codebook.themes.map((t) => ({ id: t.id, include: patternsRegExp(t.include), exclude: patternsRegExp(t.exclude) }));
    return record.paragraphs.map((p) => {
      const item = p.itemIndex === null ? undefined : record.items[p.itemIndex];
      if (item?.standing) return [];
      return compiled
        .filter((t) => {
          if (!t.include) return false;
          t.include.lastIndex = 0;
          if (!t.include.test(p.text)) return false;
          if (t.exclude) {
            t.exclude.lastIndex = 0;
            if (t.exclude.test(p.text)) return false;
          }
          return true;
        })
        .map((t) => t.id);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Reading
  // -------------------------------------------------------------------------------------------

  private get(id: number): Stored {
    const stored = this.meetings.get(id);
    if (!stored) throw new ApiError('not_found', `No meeting with id ${id}.`);
    return stored;
  }

  private council(m: Stored): string | null {
    return m.corrections.council ?? m.record.council.name;
  }
  private committee(m: Stored): string | null {
    return m.corrections.committee ?? m.record.committee.name;
  }
  private date(m: Stored): string | null {
    return m.corrections.meetingDate ?? m.record.meetingDate.date;
  }

  summary(m: Stored): MeetingSummary {
    const corrected = (Object.keys(m.corrections) as CorrectableField[]).sort();
    const confidences: Record<CorrectableField, number> = {
      council: m.record.council.confidence,
      committee: m.record.committee.confidence,
      meetingDate: m.record.meetingDate.confidence,
    };
    const needsReview = (['council', 'committee', 'meetingDate'] as CorrectableField[]).filter(
      (f) => confidences[f] < REVIEW_BELOW && !corrected.includes(f),
    );
    return {
      id: m.id,
      kind: m.record.kind,
      title: m.record.title,
      council: this.council(m),
      committee: this.committee(m),
      date: this.date(m),
      dateWindow: this.date(m) ? null : m.record.meetingDate.window,
      fileName: m.document.fileName,
      format: m.document.format,
      pageCount: m.pages.length,
      itemCount: m.record.items.length,
      resolutionCount: m.record.resolutions.length,
      figureCount: m.record.figures.length,
      paragraphCount: m.record.paragraphs.length,
      textChars: this.bodyChars(m),
      confidence: m.record.confidence,
      councilConfidence: confidences.council,
      committeeConfidence: confidences.committee,
      dateConfidence: confidences.meetingDate,
      corrected,
      needsReview,
    };
  }

  private bodyChars(m: Stored): number {
    return m.record.paragraphs.reduce((sum, p, i) => (this.isStanding(m, i) ? sum : sum + p.text.length), 0);
  }

  private isStanding(m: Stored, paragraphIndex: number): boolean {
    const p = m.record.paragraphs[paragraphIndex];
    if (!p || p.itemIndex === null) return false;
    return Boolean(m.record.items[p.itemIndex]?.standing);
  }

  stats(): LibraryStats {
    const all = [...this.meetings.values()];
    const facet = (values: Array<string | null>): FacetCount[] => {
      const counts = new Map<string, number>();
      for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts.entries()].map(([value, meetings]) => ({ value, meetings })).sort((a, b) => a.value.localeCompare(b.value));
    };
    const summaries = all.map((m) => this.summary(m));
    return {
      documents: all.length,
      councils: facet(summaries.map((s) => s.council)),
      committees: facet(summaries.map((s) => s.committee)),
      years: facet(summaries.map((s) => (s.date ? s.date.slice(0, 4) : null))).sort((a, b) => b.value.localeCompare(a.value)),
      undated: summaries.filter((s) => !s.date).length,
      needsReview: summaries.filter((s) => s.needsReview.length > 0).length,
    };
  }

  list(filter: MeetingFilter): MeetingSummary[] {
    let rows = [...this.meetings.values()].map((m) => ({ m, s: this.summary(m) }));
    rows = rows.filter(({ s }) => {
      if (filter.council !== null && s.council !== filter.council) return false;
      if (filter.committee !== null && s.committee !== filter.committee) return false;
      if (filter.year !== null && year(s.date) !== filter.year) return false;
      if (filter.kind !== null && s.kind !== filter.kind) return false;
      if (filter.needsReview && s.needsReview.length === 0) return false;
      return true;
    });
    const byDate = (a: MeetingSummary, b: MeetingSummary) => {
      if (a.date === b.date) return a.id - b.id;
      if (!a.date) return 1;
      if (!b.date) return -1;
      return a.date.localeCompare(b.date);
    };
    const text = (v: string | null) => v ?? '\uffff';
    const sorters: Record<MeetingFilter['sort'], (a: MeetingSummary, b: MeetingSummary) => number> = {
      dateDesc: (a, b) => (!a.date || !b.date ? byDate(a, b) : -byDate(a, b)),
      dateAsc: byDate,
      council: (a, b) => text(a.council).localeCompare(text(b.council)) || -byDate(a, b),
      committee: (a, b) => text(a.committee).localeCompare(text(b.committee)) || -byDate(a, b),
      importedDesc: (a, b) => b.id - a.id,
      confidence: (a, b) => a.confidence - b.confidence || a.id - b.id,
    };
    const sorted = rows.map((r) => r.s).sort(sorters[filter.sort]);
    const offset = filter.offset ?? 0;
    return sorted.slice(offset, filter.limit === null ? undefined : offset + filter.limit);
  }

  detail(id: number): MeetingDetail {
    const m = this.get(id);
    return {
      meeting: this.summary(m),
      document: { ...m.document },
      record: structuredClone(m.record),
      paragraphIds: [...m.paragraphIds],
      resolutionIds: [...m.resolutionIds],
      pages: m.pages.map((p) => ({ ...p })),
      removedLines:
        m.document.format === 'pdf'
          ? m.pages.map((p) => ({ page: p.number, text: `${(this.council(m) ?? '').toUpperCase()} — Page ${p.number} of ${m.pages.length}` }))
          : [],
      themes: this.themeCounts([m]),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Search
  // -------------------------------------------------------------------------------------------

  search(query: SearchQuery): SearchResults {
    const raw = query.text.trim();
    if ((raw.match(/"/g) ?? []).length % 2 === 1) {
      throw new ApiError('invalid_query', 'A quoted phrase is not closed: add the missing ".');
    }
    if (/^(AND|OR|NOT)\b|\b(AND|OR|NOT)$/.test(raw)) {
      throw new ApiError('invalid_query', `“${raw}” starts or ends with an operator; search for words or "quoted phrases".`);
    }
    const terms = queryTerms(raw).filter((t) => t.replace(/\*/g, '').length > 0);
    if (terms.length === 0) return { hits: [], total: 0, note: null };
    const matchers = terms.map((t) => patternsRegExp([t]));
    const hits: Array<SearchHit & { sortDate: string }> = [];
    let paragraphsSeen = 0;
    for (const m of this.meetings.values()) {
      const s = this.summary(m);
      if (query.council !== null && s.council !== query.council) continue;
      if (query.committee !== null && s.committee !== query.committee) continue;
      const y = year(s.date);
      if (query.yearFrom !== null && (y === null || y < query.yearFrom)) continue;
      if (query.yearTo !== null && (y === null || y > query.yearTo)) continue;
      m.record.paragraphs.forEach((p, i) => {
        paragraphsSeen++;
        if (!matchers.every((re) => re !== null && (re.lastIndex = 0, re.test(p.text)))) return;
        const matches = findMatches(p.text, terms);
        const item = p.itemIndex === null ? undefined : m.record.items[p.itemIndex];
        hits.push({
          paragraphId: m.paragraphIds[i] ?? 0,
          meetingId: m.id,
          council: s.council,
          committee: s.committee,
          date: s.date,
          page: p.page,
          itemNumber: item?.number ?? null,
          itemTitle: item?.title ?? null,
          snippet: snippet(p.text, matches),
          rank: -matches.length,
          sortDate: s.date ?? '',
        });
      });
    }
    hits.sort((a, b) => a.rank - b.rank || b.sortDate.localeCompare(a.sortDate));
    const common = paragraphsSeen > 20 && hits.length > paragraphsSeen * 0.4;
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    return {
      hits: hits.slice(offset, offset + limit).map(({ sortDate: _s, ...hit }) => hit),
      total: hits.length,
      note: common ? `“${terms[0]}” appears in most paragraphs, so results are ordered by how often it appears.` : null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Analysis
  // -------------------------------------------------------------------------------------------

  private scoped(scope: AnalysisScope): Stored[] {
    return [...this.meetings.values()].filter((m) => {
      const council = this.council(m);
      const date = this.date(m);
      if (scope.councils.length > 0 && (!council || !scope.councils.includes(council))) return false;
      if (scope.committee !== null && this.committee(m) !== scope.committee) return false;
      if (scope.from !== null && (!date || date < scope.from)) return false;
      if (scope.to !== null && (!date || date > scope.to)) return false;
      return true;
    });
  }

  private themeIds(scope: AnalysisScope): string[] {
    const all = this.codebook.themes.map((t) => t.id);
    return scope.themes.length > 0 ? all.filter((id) => scope.themes.includes(id)) : all;
  }

  private label(themeId: string): string {
    return this.codebook.themes.find((t) => t.id === themeId)?.label ?? themeId;
  }

  /** Hits, meetings and share of text for each theme over some meetings, strongest first. */
  private themeCounts(meetings: Stored[], themeIds = this.codebook.themes.map((t) => t.id)): ThemeCount[] {
    const total = meetings.reduce((sum, m) => sum + this.bodyChars(m), 0);
    return themeIds
      .map((themeId) => {
        let hits = 0;
        let chars = 0;
        for (const m of meetings) {
          m.paragraphThemes.forEach((ids, i) => {
            if (ids.includes(themeId)) {
              hits++;
              chars += m.record.paragraphs[i]?.text.length ?? 0;
            }
          });
        }
        return { themeId, label: this.label(themeId), hits, share: total > 0 ? chars / total : 0 };
      })
      .filter((c) => c.hits > 0)
      .sort((a, b) => b.share - a.share);
  }

  private evidence(m: Stored, paragraphIndex: number, text?: string): EvidenceRef {
    const p = m.record.paragraphs[paragraphIndex];
    const item = p && p.itemIndex !== null ? m.record.items[p.itemIndex] : undefined;
    return {
      paragraphId: m.paragraphIds[paragraphIndex] ?? 0,
      meetingId: m.id,
      council: this.council(m),
      committee: this.committee(m),
      date: this.date(m),
      page: p?.page ?? 1,
      itemNumber: item?.number ?? null,
      itemTitle: item?.title ?? null,
      text: text ?? p?.text ?? '',
    };
  }

  private figuresOf(m: Stored): MetricFigure[] {
    return m.record.figures.map((f) => ({
      metric: classifyFigure(f),
      value: f.value,
      valueMax: f.valueMax,
      unit: f.unit,
      text: f.text,
      what: f.what,
      evidence: this.evidence(m, f.paragraphIndex ?? 0, f.sentence),
    }));
  }

  timeline(scope: AnalysisScope): Timeline {
    const lanes = new Map<string, TimelineLane>();
    const undated: TimelineMeeting[] = [];
    for (const m of this.scoped(scope)) {
      const council = this.council(m);
      const date = this.date(m);
      const entry: TimelineMeeting = {
        meetingId: m.id,
        council,
        committee: this.committee(m),
        date,
        dateWindow: date ? null : m.record.meetingDate.window,
        kind: m.record.kind,
        title: m.record.title,
        itemTitles: m.record.items.filter((i) => !i.standing).map((i) => i.title),
        resolutions: m.record.resolutions.map((r) => r.text),
        topThemes: this.themeCounts([m]).slice(0, 3),
        keyFigures: this.figuresOf(m).filter((f) => !['money', 'count', 'percentage'].includes(f.metric)).slice(0, 3),
        textChars: this.bodyChars(m),
      };
      if (!date || !council) {
        undated.push(entry);
        continue;
      }
      const key = `${council}\u0000${entry.committee ?? ''}`;
      const lane = lanes.get(key) ?? { council, committee: entry.committee, meetings: [] };
      lane.meetings.push(entry);
      lanes.set(key, lane);
    }
    const sorted = [...lanes.values()].sort((a, b) => a.council.localeCompare(b.council) || (a.committee ?? '').localeCompare(b.committee ?? ''));
    for (const lane of sorted) lane.meetings.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    return { lanes: sorted, undated };
  }

  private councilsOf(meetings: Stored[]): string[] {
    return [...new Set(meetings.map((m) => this.council(m)).filter((c): c is string => c !== null))].sort();
  }

  private cell(meetings: Stored[], themeId: string): Omit<HeatCell, 'themeId' | 'council'> {
    const total = meetings.reduce((sum, m) => sum + this.bodyChars(m), 0);
    let hits = 0;
    let chars = 0;
    let withTheme = 0;
    for (const m of meetings) {
      let found = false;
      m.paragraphThemes.forEach((ids, i) => {
        if (!ids.includes(themeId)) return;
        hits++;
        found = true;
        chars += m.record.paragraphs[i]?.text.length ?? 0;
      });
      if (found) withTheme++;
    }
    return { hits, meetings: withTheme, meetingsTotal: meetings.length, share: total > 0 ? chars / total : 0 };
  }

  heatmap(scope: AnalysisScope): Heatmap {
    const meetings = this.scoped(scope);
    const councils = this.councilsOf(meetings);
    const themeIds = this.themeIds(scope);
    const cells: HeatCell[] = [];
    for (const themeId of themeIds) {
      for (const council of councils) {
        const ofCouncil = meetings.filter((m) => this.council(m) === council);
        cells.push({ themeId, council, ...this.cell(ofCouncil, themeId) });
      }
    }
    return {
      themes: themeIds.map((id) => {
        const theme = this.codebook.themes.find((t) => t.id === id);
        return { id, label: theme?.label ?? id, group: theme?.group ?? '' };
      }),
      councils,
      cells,
    };
  }

  trends(scope: AnalysisScope, period: Period): TrendPoint[] {
    const meetings = this.scoped(scope).filter((m) => this.date(m) !== null);
    const groups = new Map<string, Stored[]>();
    for (const m of meetings) {
      const council = this.council(m);
      const date = this.date(m);
      if (!council || !date) continue;
      const key = `${council}\u0000${periodKey(date, period)}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    const points: TrendPoint[] = [];
    for (const themeId of this.themeIds(scope)) {
      for (const [key, group] of groups) {
        const [council, periodName] = key.split('\u0000') as [string, string];
        points.push({ themeId, council, period: periodName, ...this.cell(group, themeId) });
      }
    }
    return points.sort((a, b) => a.themeId.localeCompare(b.themeId) || a.council.localeCompare(b.council) || a.period.localeCompare(b.period));
  }

  private kwicLine(m: Stored, paragraphIndex: number, match: { start: number; end: number }): KwicLine {
    const text = m.record.paragraphs[paragraphIndex]?.text ?? '';
    // Cut the context at word boundaries so a line never starts or ends mid-word.
    let leftStart = Math.max(0, match.start - 70);
    if (leftStart > 0) {
      const space = text.indexOf(' ', leftStart);
      leftStart = space >= 0 && space < match.start ? space + 1 : leftStart;
    }
    let rightEnd = Math.min(text.length, match.end + 70);
    if (rightEnd < text.length) {
      const space = text.lastIndexOf(' ', rightEnd);
      rightEnd = space > match.end ? space : rightEnd;
    }
    return {
      left: (leftStart > 0 ? '…' : '') + text.slice(leftStart, match.start),
      keyword: text.slice(match.start, match.end),
      right: text.slice(match.end, rightEnd) + (rightEnd < text.length ? '…' : ''),
      evidence: this.evidence(m, paragraphIndex),
    };
  }

  themePassages(themeId: string, council: string | null, period: string | null, limit: number): KwicLine[] {
    const theme = this.codebook.themes.find((t) => t.id === themeId);
    if (!theme) throw new ApiError('not_found', `No theme “${themeId}” in the codebook.`);
    const lines: Array<KwicLine & { date: string }> = [];
    for (const m of this.meetings.values()) {
      if (council !== null && this.council(m) !== council) continue;
      const date = this.date(m);
      if (period !== null) {
        if (!date) continue;
        const kind: Period = /Q/.test(period) ? 'quarter' : period.length === 7 ? 'month' : 'year';
        if (periodKey(date, kind) !== period) continue;
      }
      m.paragraphThemes.forEach((ids, i) => {
        if (!ids.includes(themeId)) return;
        const match = findMatches(m.record.paragraphs[i]?.text ?? '', theme.include)[0];
        if (match) lines.push({ ...this.kwicLine(m, i, match), date: date ?? '' });
      });
    }
    return lines
      .sort((a, b) => b.date.localeCompare(a.date))
      .slice(0, limit)
      .map(({ date: _d, ...line }) => line);
  }

  kwic(term: string, scope: AnalysisScope, limit: number): KwicLine[] {
    const problem = patternProblem(term);
    if (problem) throw new ApiError('invalid', problem);
    const lines: KwicLine[] = [];
    for (const m of this.scoped(scope)) {
      m.record.paragraphs.forEach((p, i) => {
        for (const match of findMatches(p.text, [term])) lines.push(this.kwicLine(m, i, match));
      });
    }
    return lines.slice(0, limit);
  }

  previewPattern(pattern: string): PatternPreview {
    const problem = patternProblem(pattern);
    if (problem) throw new ApiError('invalid', problem);
    let paragraphs = 0;
    const meetings = new Set<number>();
    const examples: KwicLine[] = [];
    for (const m of this.meetings.values()) {
      m.record.paragraphs.forEach((p, i) => {
        if (this.isStanding(m, i)) return;
        const match = findMatches(p.text, [pattern])[0];
        if (!match) return;
        paragraphs++;
        meetings.add(m.id);
        if (examples.length < 5) examples.push(this.kwicLine(m, i, match));
      });
    }
    // The demo library is small enough to check every paragraph: never capped.
    return { pattern, paragraphs, meetings: meetings.size, examples, capped: false };
  }

  metricFigures(scope: AnalysisScope): MetricFigure[] {
    return this.scoped(scope).flatMap((m) => this.figuresOf(m));
  }

  compare(councils: string[]): Comparison {
    if (councils.length < 2) throw new ApiError('invalid', 'Pick at least two councils to compare.');
    const groups = councils.map((council) => ({ council, meetings: [...this.meetings.values()].filter((m) => this.council(m) === council) }));
    const missing = groups.find((g) => g.meetings.length === 0);
    if (missing) throw new ApiError('not_found', `The library has no meetings of ${missing.council}.`);

    const profiles: CouncilProfile[] = groups.map(({ council, meetings }) => {
      const dates = meetings.map((m) => this.date(m)).filter((d): d is string => d !== null).sort();
      const gaps = dates.slice(1).map((d, i) => daysBetween(dates[i] ?? d, d));
      const withAttendance = meetings.filter((m) => m.record.attendance.present.length > 0);
      return {
        council,
        meetings: meetings.length,
        firstDate: dates[0] ?? null,
        lastDate: dates[dates.length - 1] ?? null,
        medianGapDays: median(gaps),
        committees: [...new Set(meetings.map((m) => this.committee(m)).filter((c): c is string => c !== null))].sort(),
        meanPresent: mean(withAttendance.map((m) => m.record.attendance.present.length)),
        meanApologies: mean(withAttendance.map((m) => m.record.attendance.apologies.length)),
        themes: this.themeCounts(meetings),
      };
    });

    // Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), over
    // paragraph counts: how much more a council's paragraphs fall under a theme than the others'.
    const paragraphsOf = (meetings: Stored[]) =>
      meetings.reduce((sum, m) => sum + m.record.paragraphs.filter((_, i) => !this.isStanding(m, i)).length, 0);
    const hitsOf = (meetings: Stored[], themeId: string) =>
      meetings.reduce((sum, m) => sum + m.paragraphThemes.filter((ids) => ids.includes(themeId)).length, 0);
    const everyone = groups.flatMap((g) => g.meetings);
    const totalParagraphs = paragraphsOf(everyone);
    const prior = 10;
    const distinctive: DistinctiveTheme[] = [];
    for (const { council, meetings } of groups) {
      const others = everyone.filter((m) => !meetings.includes(m));
      const n1 = paragraphsOf(meetings);
      const n2 = paragraphsOf(others);
      const scored = this.codebook.themes
        .map((theme) => {
          const y1 = hitsOf(meetings, theme.id);
          const y2 = hitsOf(others, theme.id);
          const alpha = Math.max(0.01, (prior * (y1 + y2)) / Math.max(1, totalParagraphs));
          const a0 = prior;
          const d = Math.log((y1 + alpha) / (n1 + a0 - y1 - alpha)) - Math.log((y2 + alpha) / (n2 + a0 - y2 - alpha));
          const z = d / Math.sqrt(1 / (y1 + alpha) + 1 / (y2 + alpha));
          return { theme, y1, z };
        })
        .filter((s) => s.y1 > 0 && s.z > 1)
        .sort((a, b) => b.z - a.z)
        .slice(0, 4);
      for (const { theme, z } of scored) {
        const evidence: EvidenceRef[] = [];
        for (const m of meetings) {
          m.paragraphThemes.forEach((ids, i) => {
            if (ids.includes(theme.id) && evidence.length < 3) evidence.push(this.evidence(m, i));
          });
        }
        distinctive.push({ council, themeId: theme.id, label: theme.label, zScore: z, evidence });
      }
    }

    const shared: SharedTheme[] = this.codebook.themes
      .map((theme) => ({
        themeId: theme.id,
        label: theme.label,
        shares: profiles.map((p) => p.themes.find((t) => t.themeId === theme.id)?.share ?? 0),
        // One passage per council, in council order, so every share can be cited.
        evidence: groups.flatMap(({ meetings }) => {
          for (const m of meetings) {
            const i = m.paragraphThemes.findIndex((ids) => ids.includes(theme.id));
            if (i >= 0) return [this.evidence(m, i)];
          }
          return [];
        }),
      }))
      .filter((s) => s.shares.every((share) => share > 0))
      .sort((a, b) => b.shares.reduce((x, y) => x + y, 0) - a.shares.reduce((x, y) => x + y, 0));

    const figures = groups.map((g) =>
      g.meetings
        .flatMap((m) => this.figuresOf(m))
        .sort((a, b) => (b.evidence.date ?? '').localeCompare(a.evidence.date ?? '')),
    );
    const order: Metric[] = [
      'caseload_per_social_worker',
      'foster_carers',
      'looked_after_children',
      'placement_cost_in_house',
      'placement_cost_agency',
      'placement_cost',
      'agency_staff_share',
      'budget',
    ];
    const metrics: MetricRow[] = order
      .map((metric) => ({ metric, values: figures.map((list) => list.filter((f) => f.metric === metric)) }))
      .filter((row) => row.values.some((v) => v.length > 0));

    return { councils: profiles, distinctive, shared, metrics };
  }

  actions(scope: AnalysisScope): Action[] {
    const kinds: Array<[RegExp, ActionKind]> = [
      [/\b(report(?:s|ed)? back|progress report|be brought|bring(?:ing)? .* to|presented to)\b/i, 'report'],
      [/\b(update|receive (?:a|the) .*(?:update|report))\b/i, 'update'],
      [/\bvisit/i, 'visit'],
      [/\bsurvey/i, 'survey'],
      [/\b(explore|consider|develop)/i, 'other'],
    ];
    const scoped = this.scoped(scope);
    const actions: Action[] = [];
    for (const m of scoped) {
      const date = this.date(m);
      m.record.resolutions.forEach((r, ri) => {
        const kind = kinds.find(([re]) => re.test(r.text))?.[1];
        if (!kind) return;
        const later = [...this.meetings.values()]
          .filter((o) => o.id !== m.id && this.council(o) === this.council(m) && this.committee(o) === this.committee(m))
          .filter((o) => date !== null && (this.date(o) ?? '') > date)
          .sort((a, b) => (this.date(a) ?? '').localeCompare(this.date(b) ?? ''));
        const keywords = r.text
          .toLowerCase()
          .split(/[^\p{L}-]+/u)
          .filter((w) => w.length > 4 && !STOPWORDS.has(w));
        let followedUpBy: EvidenceRef | null = null;
        for (const o of later) {
          const index = o.record.paragraphs.findIndex(
            (p) => keywords.filter((k) => p.text.toLowerCase().includes(k)).length >= Math.min(2, keywords.length),
          );
          if (index >= 0) {
            followedUpBy = this.evidence(o, index);
            break;
          }
        }
        const next = later[0];
        const due = next ? this.date(next) : null;
        const paragraphIndex = m.record.paragraphs.findIndex((p) => p.span.start <= r.span.start && p.span.end >= r.span.end);
        actions.push({
          resolutionId: m.resolutionIds[ri] ?? 0,
          kind,
          status: followedUpBy ? 'followed_up' : next ? 'overdue' : 'open',
          text: r.text,
          due,
          evidence: this.evidence(m, Math.max(0, paragraphIndex), r.text),
          followedUpBy,
        });
      });
    }
    return actions;
  }

  emergent(scope: AnalysisScope, phrases: string[]): EmergentTheme[] {
    const scoped = this.scoped(scope);
    const councilCount = Math.max(1, this.councilsOf(scoped).length);
    return phrases
      .map((phrase) => {
        const meetings = new Set<number>();
        const councils = new Set<string>();
        const evidence: EvidenceRef[] = [];
        let hits = 0;
        for (const m of scoped) {
          m.record.paragraphs.forEach((p, i) => {
            if (findMatches(p.text, [phrase]).length === 0) return;
            hits++;
            meetings.add(m.id);
            const council = this.council(m);
            if (council) councils.add(council);
            if (evidence.length < 3) evidence.push(this.evidence(m, i));
          });
        }
        const score = hits * Math.log(1 + councilCount / Math.max(1, councils.size));
        return { phrase, score, meetings: meetings.size, councils: [...councils].sort(), evidence };
      })
      .filter((t) => t.meetings >= 2)
      .filter((t) => !this.codebook.themes.some((theme) => theme.include.some((p) => p.toLowerCase() === t.phrase.toLowerCase())))
      .sort((a, b) => b.score - a.score);
  }
}

/** A search snippet: up to ~240 characters around the first match, matches wrapped in U+0002 … U+0003. */
export function snippet(text: string, matches: Array<{ start: number; end: number }>): string {
  const first = matches[0];
  const from = first ? Math.max(0, first.start - 90) : 0;
  const to = Math.min(text.length, from + 240);
  let start = from;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < first!.start) start = space + 1;
  }
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const m of matches) {
    if (m.start < cursor || m.end > to) continue;
    out += text.slice(cursor, m.start) + HIGHLIGHT_START + text.slice(m.start, m.end) + HIGHLIGHT_END;
    cursor = m.end;
  }
  out += text.slice(cursor, to) + (to < text.length ? '…' : '');
  return out;
}

