// The one door to the backend. Views talk to a `ScrutineerApi` and never learn whether it is the
// desktop app (tauri.ts, Tauri commands and events) or the in-memory demo library (fake.ts). Every
// method mirrors one Tauri command; the event and dialog methods wrap what Tauri offers so that
// no view imports @tauri-apps/*.

import type {
  Action,
  AnalysisScope,
  AppInfo,
  Codebook,
  Comparison,
  Correction,
  EmergentTheme,
  Heatmap,
  ImportProgress,
  ImportSummary,
  KwicLine,
  LibraryStats,
  MeetingDetail,
  MeetingFilter,
  MeetingSummary,
  MetricFigure,
  PatternPreview,
  Period,
  SearchQuery,
  SearchResults,
  Timeline,
  TrendPoint,
} from './model';

/** Stops listening to an event. */
export type Unlisten = () => void;

/** Files dragged over the window: Tauri reports paths; `leave` and `over` carry none. */
export type DragDropEvent =
  | { type: 'enter'; paths: string[] }
  | { type: 'over' }
  | { type: 'drop'; paths: string[] }
  | { type: 'leave' };

/** Progress of re-applying the codebook to the library. */
export type ThemesProgress = { done: number; total: number };

/** The formats a comparison can be exported to. */
export type ExportFormat = 'csv' | 'json' | 'html';

/** What a save dialog offers. */
export type SaveDialogOptions = {
  title: string;
  defaultName: string;
  filters: Array<{ name: string; extensions: string[] }>;
};

export interface ScrutineerApi {
  /** `tauri` in the desktop app, `demo` for the in-memory library. */
  readonly kind: 'tauri' | 'demo';

  appInfo(): Promise<AppInfo>;
  libraryStats(): Promise<LibraryStats>;

  listMeetings(filter: MeetingFilter): Promise<MeetingSummary[]>;
  getMeeting(id: number): Promise<MeetingDetail>;
  correctMeeting(id: number, correction: Correction): Promise<MeetingSummary>;
  deleteMeeting(id: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResults>;

  importPaths(paths: string[]): Promise<void>;
  loadSamples(): Promise<void>;
  cancelImport(): Promise<void>;
  onImportProgress(handler: (progress: ImportProgress) => void): Promise<Unlisten>;
  onImportDone(handler: (summary: ImportSummary) => void): Promise<Unlisten>;

  timeline(scope: AnalysisScope): Promise<Timeline>;
  heatmap(scope: AnalysisScope): Promise<Heatmap>;
  trends(scope: AnalysisScope, period: Period): Promise<TrendPoint[]>;
  themePassages(themeId: string, council: string | null, period: string | null, limit: number): Promise<KwicLine[]>;
  compareCouncils(councils: string[]): Promise<Comparison>;
  metricFigures(scope: AnalysisScope): Promise<MetricFigure[]>;
  listActions(scope: AnalysisScope): Promise<Action[]>;
  kwic(term: string, scope: AnalysisScope, limit: number): Promise<KwicLine[]>;

  getCodebook(): Promise<Codebook>;
  saveCodebook(codebook: Codebook): Promise<void>;
  onThemesProgress(handler: (progress: ThemesProgress) => void): Promise<Unlisten>;
  onThemesDone(handler: () => void): Promise<Unlisten>;
  previewPattern(pattern: string): Promise<PatternPreview>;
  emergentThemes(scope: AnalysisScope): Promise<EmergentTheme[]>;

  exportComparison(councils: string[], format: ExportFormat, path: string): Promise<void>;
  backupLibrary(path: string): Promise<void>;
  /** Show the folder holding the library in the system's file manager. */
  openDataFolder(): Promise<void>;

  /** Files and folders dropped anywhere on the window. */
  onDragDrop(handler: (event: DragDropEvent) => void): Promise<Unlisten>;
  /** The open dialog for minutes: files, or one folder. Null when the user cancels. */
  pickImport(what: 'files' | 'folder'): Promise<string[] | null>;
  /** The save dialog. Null when the user cancels. */
  pickSavePath(options: SaveDialogOptions): Promise<string | null>;
}

/** An empty scope: the whole library. */
export function allOf(partial: Partial<AnalysisScope> = {}): AnalysisScope {
  return { councils: [], committee: null, from: null, to: null, themes: [], ...partial };
}

/** A filter listing every meeting, newest first. */
export function meetingFilter(partial: Partial<MeetingFilter> = {}): MeetingFilter {
  return {
    council: null,
    committee: null,
    year: null,
    kind: null,
    needsReview: false,
    sort: 'dateDesc',
    limit: null,
    offset: null,
    ...partial,
  };
}

/** A search for `text` over the whole library. */
export function searchQuery(partial: Partial<SearchQuery> & { text: string }): SearchQuery {
  return {
    council: null,
    committee: null,
    yearFrom: null,
    yearTo: null,
    limit: null,
    offset: null,
    ...partial,
  };
}
