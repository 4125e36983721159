// The record types the backend returns, in one import. Everything here comes from
// ui/src/api/bindings/ (generated from crates/scrutineer-core/src/model.rs by ts-rs) except the few
// types declared in model.rs whose bindings have not been generated yet; those are written out below
// field for field and must be replaced by re-exports once `cargo test -p scrutineer-core` emits them.

export type { Action } from './bindings/Action';
export type { ActionKind } from './bindings/ActionKind';
export type { ActionStatus } from './bindings/ActionStatus';
export type { AgendaItem } from './bindings/AgendaItem';
export type { Attendance } from './bindings/Attendance';
export type { Codebook } from './bindings/Codebook';
export type { Comparison } from './bindings/Comparison';
export type { CorrectableField } from './bindings/CorrectableField';
export type { Correction } from './bindings/Correction';
export type { CouncilProfile } from './bindings/CouncilProfile';
export type { DateField } from './bindings/DateField';
export type { DateWindow } from './bindings/DateWindow';
export type { Diagnostic } from './bindings/Diagnostic';
export type { DistinctiveTheme } from './bindings/DistinctiveTheme';
export type { DocKind } from './bindings/DocKind';
export type { DocumentInfo } from './bindings/DocumentInfo';
export type { EmergentTheme } from './bindings/EmergentTheme';
export type { EvidenceRef } from './bindings/EvidenceRef';
export type { Figure } from './bindings/Figure';
export type { FigureUnit } from './bindings/FigureUnit';
export type { HeatCell } from './bindings/HeatCell';
export type { Heatmap } from './bindings/Heatmap';
export type { ImportOutcome } from './bindings/ImportOutcome';
export type { ImportProgress } from './bindings/ImportProgress';
export type { ImportStatus } from './bindings/ImportStatus';
export type { ImportSummary } from './bindings/ImportSummary';
export type { KwicLine } from './bindings/KwicLine';
export type { Level } from './bindings/Level';
export type { MeetingDetail } from './bindings/MeetingDetail';
export type { MeetingFilter } from './bindings/MeetingFilter';
export type { MeetingRecord } from './bindings/MeetingRecord';
export type { MeetingSort } from './bindings/MeetingSort';
export type { MeetingSummary } from './bindings/MeetingSummary';
export type { Metric } from './bindings/Metric';
export type { MetricFigure } from './bindings/MetricFigure';
export type { MetricRow } from './bindings/MetricRow';
export type { NamedField } from './bindings/NamedField';
export type { PageText } from './bindings/PageText';
export type { Paragraph } from './bindings/Paragraph';
export type { Period } from './bindings/Period';
export type { Person } from './bindings/Person';
export type { RemovedLine } from './bindings/RemovedLine';
export type { Resolution } from './bindings/Resolution';
export type { SearchHit } from './bindings/SearchHit';
export type { SearchQuery } from './bindings/SearchQuery';
export type { SearchResults } from './bindings/SearchResults';
export type { SharedTheme } from './bindings/SharedTheme';
export type { SourceFormat } from './bindings/SourceFormat';
export type { SourceText } from './bindings/SourceText';
export type { Span } from './bindings/Span';
export type { StandingItem } from './bindings/StandingItem';
export type { TextExtractor } from './bindings/TextExtractor';
export type { Theme } from './bindings/Theme';
export type { ThemeCount } from './bindings/ThemeCount';
export type { ThemeMatch } from './bindings/ThemeMatch';
export type { ThemeRef } from './bindings/ThemeRef';
export type { Timeline } from './bindings/Timeline';
export type { TimelineLane } from './bindings/TimelineLane';
export type { TimelineMeeting } from './bindings/TimelineMeeting';
export type { TrendPoint } from './bindings/TrendPoint';

// ---------------------------------------------------------------------------------------------
// Awaiting generation: mirrors of model.rs types (FacetCount, LibraryStats, AnalysisScope,
// PatternPreview, AppInfo) that have no file in bindings/ yet. Keep them identical to model.rs.
// ---------------------------------------------------------------------------------------------

import type { KwicLine } from './bindings/KwicLine';

/** A value and how many meetings have it (a council, a committee, a year). */
export type FacetCount = { value: string; meetings: number };

/** What the library holds, for filters and the empty state. */
export type LibraryStats = {
  documents: number;
  councils: Array<FacetCount>;
  committees: Array<FacetCount>;
  years: Array<FacetCount>;
  undated: number;
  needsReview: number;
};

/** Which meetings an analysis looks at. Empty means all. */
export type AnalysisScope = {
  councils: Array<string>;
  committee: string | null;
  from: string | null;
  to: string | null;
  /** Restrict to these themes (trends, heatmap rows). */
  themes: Array<string>;
};

/** How a draft pattern would match across the library, shown live while editing the codebook. */
export type PatternPreview = {
  pattern: string;
  paragraphs: number;
  meetings: number;
  examples: Array<KwicLine>;
};

/** Facts about the running app, for Settings and About. */
export type AppInfo = {
  version: string;
  /** The library database file. */
  databasePath: string;
  /** The folder holding it. */
  dataDir: string;
};
