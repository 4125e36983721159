// The demo client: a `ScrutineerApi` over the in-memory `DemoLibrary`. It behaves like the desktop
// backend where the UI can tell: imports report progress file by file and finish with a summary,
// saving the codebook re-themes the library with progress events, errors carry the backend's
// codes, and results are copies (mutating one never changes the library). Used by the unit tests,
// the Playwright walk-through, and as a demo when the UI runs in a plain browser.

import { ApiError } from './errors';
import { candidatePhrases, demoCodebook, inbox, samples } from './fixtures';
import { readPlainMinutes } from './fixtures/plain';
import { DemoLibrary } from './library';
import type { ImportOutcome, ImportProgress, ImportSummary, MeetingSummary } from './model';
import type { DragDropEvent, ScrutineerApi, ThemesProgress, Unlisten } from './types';

export type FakeOptions = {
  /** Start with the sample minutes already imported. */
  seeded?: boolean;
  /** Delay before each answer, to show loading states (ms). */
  latency?: number;
  /** Delay between files of an import (ms). */
  importDelay?: number;
  /** Where drag-and-drop listens; the window by default. Null turns it off. */
  dropTarget?: EventTarget | null;
};

/** Where the demo pretends its sample minutes live. */
export const SAMPLES_FOLDER = '/opt/scrutineer/samples';
/** What the demo's folder picker returns. */
export const DEMO_FOLDER = '/home/demo/Downloads/minutes';
/** Dropped files are remembered under this pretend folder. */
const DROPPED_FOLDER = '/dropped';

const READABLE = /\.(txt|md|markdown|html?)$/i;

type Payloads = {
  'import-progress': ImportProgress;
  'import-done': ImportSummary;
  'themes-progress': ThemesProgress;
  'themes-done': undefined;
};
type Handlers = { [K in keyof Payloads]: Set<(payload: Payloads[K]) => void> };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A dropped file's text. `Blob.text()` where it exists, FileReader where it does not. */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsText(file);
  });
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function describe(summary: MeetingSummary): string {
  const parts = [summary.council ?? 'Council not found', summary.committee ?? 'committee not found'];
  parts.push(summary.date ?? 'no date stated');
  return `${parts.join(' · ')} — ${summary.itemCount} items, ${summary.resolutionCount} resolutions, ${summary.figureCount} figures`;
}

export class FakeApi implements ScrutineerApi {
  readonly kind = 'demo' as const;
  readonly library: DemoLibrary;
  private readonly latency: number;
  private readonly importDelay: number;
  private readonly dropTarget: EventTarget | null;
  private readonly handlers: Handlers = {
    'import-progress': new Set(),
    'import-done': new Set(),
    'themes-progress': new Set(),
    'themes-done': new Set(),
  };
  private importing = false;
  private cancelled = false;
  /** The text of files dropped on the window, by pretend path. */
  private readonly dropped = new Map<string, string>();

  constructor(options: FakeOptions = {}) {
    this.library = new DemoLibrary(demoCodebook);
    this.latency = options.latency ?? 0;
    this.importDelay = options.importDelay ?? 0;
    this.dropTarget = options.dropTarget === undefined ? (typeof window === 'undefined' ? null : window) : options.dropTarget;
    if (options.seeded) {
      for (const fixture of samples) this.library.addFixture(fixture, `${SAMPLES_FOLDER}/${fixture.file}`);
    }
  }

  /** Answers after the configured latency; errors thrown by `work` reject the promise. */
  private async answer<T>(work: () => T): Promise<T> {
    if (this.latency > 0) await sleep(this.latency);
    else await Promise.resolve();
    return structuredClone(work());
  }

  private emit<K extends keyof Payloads>(event: K, payload: Payloads[K]): void {
    for (const handler of this.handlers[event]) handler(structuredClone(payload));
  }

  private listen<K extends keyof Payloads>(event: K, handler: (payload: Payloads[K]) => void): Promise<Unlisten> {
    const set = this.handlers[event];
    set.add(handler);
    return Promise.resolve(() => {
      set.delete(handler);
    });
  }

  appInfo() {
    return this.answer(() => ({
      version: '0.1.0 (demo)',
      databasePath: '(in memory — the demo library is not saved)',
      dataDir: '(none)',
    }));
  }
  libraryStats() {
    return this.answer(() => this.library.stats());
  }
  listMeetings(filter: Parameters<ScrutineerApi['listMeetings']>[0]) {
    return this.answer(() => this.library.list(filter));
  }
  getMeeting(id: number) {
    return this.answer(() => this.library.detail(id));
  }
  correctMeeting(id: number, correction: Parameters<ScrutineerApi['correctMeeting']>[1]) {
    return this.answer(() => this.library.correct(id, correction));
  }
  deleteMeeting(id: number) {
    return this.answer(() => this.library.delete(id));
  }
  search(query: Parameters<ScrutineerApi['search']>[0]) {
    return this.answer(() => this.library.search(query));
  }

  // -------------------------------------------------------------------------------------------
  // Import
  // -------------------------------------------------------------------------------------------

  private expand(paths: string[]): string[] {
    return paths.flatMap((path) => {
      const inside = inbox.filter((f) => f.path.startsWith(`${path.replace(/[\\/]$/, '')}/`)).map((f) => f.path);
      return inside.length > 0 ? inside : [path];
    });
  }

  private importOne(path: string): ImportOutcome {
    const failed = (code: string, message: string): ImportOutcome => ({ path, status: 'failed', documentId: null, code, message, meeting: null });
    const stored = (summary: MeetingSummary): ImportOutcome => ({ path, status: 'imported', documentId: summary.id, code: null, message: describe(summary), meeting: summary });
    const duplicate = (fileName: string): ImportOutcome => {
      const existing = this.library.list({ council: null, committee: null, year: null, kind: null, needsReview: false, sort: 'dateDesc', limit: null, offset: null }).find((m) => m.fileName === fileName);
      if (!existing) return failed('io', `${basename(path)}: not found`);
      return { path, status: 'duplicate', documentId: existing.id, code: null, message: 'Already in the library; nothing changed.', meeting: existing };
    };

    if (path.startsWith(`${SAMPLES_FOLDER}/`)) {
      const fixture = samples.find((f) => f.file === basename(path));
      if (!fixture) return failed('io', `${basename(path)}: not found`);
      if (this.library.findByFileName(fixture.file)) return duplicate(fixture.file);
      return stored(this.library.addFixture(fixture, path));
    }
    const entry = inbox.find((f) => f.path === path);
    if (entry) {
      if ('code' in entry) return failed(entry.code, entry.message);
      if ('duplicateOf' in entry) {
        if (this.library.findByFileName(entry.duplicateOf)) return duplicate(entry.duplicateOf);
        const fixture = samples.find((f) => f.file === entry.duplicateOf);
        return fixture ? stored(this.library.addFixture(fixture, path)) : failed('io', 'not found');
      }
      if (this.library.findByFileName(entry.meeting.file)) return duplicate(entry.meeting.file);
      return stored(this.library.addFixture(entry.meeting, path));
    }
    const text = this.dropped.get(path);
    if (text === undefined) return failed('io', `${path}: no such file`);
    const name = basename(path);
    if (!READABLE.test(name)) {
      return failed('unsupported_type', `${name}: the demo reads text, Markdown and HTML files; the desktop app also reads PDFs`);
    }
    if (!text.trim()) return failed('empty_file', `${name}: the file is empty`);
    if (text.includes('\u0000')) return failed('not_text', `${name}: the file contains binary data`);
    const plain = /\.html?$/i.test(name) ? text.replace(/<[^>]*>/g, ' ').replace(/[ \t]+/g, ' ') : text;
    const { pages, record } = readPlainMinutes(plain);
    const sameBytes = this.library.findByFileName(name);
    if (sameBytes && sameBytes.pages.map((p) => p.text).join('\n\n') === plain) return duplicate(name);
    return stored(
      this.library.add({ fileName: name, path, pages, record, format: /\.html?$/i.test(name) ? 'html' : /\.(md|markdown)$/i.test(name) ? 'markdown' : 'text', importedAt: new Date().toISOString() }),
    );
  }

  private async runImport(paths: string[]): Promise<void> {
    if (this.importing) throw new ApiError('invalid', 'An import is already running; wait for it to finish or cancel it.');
    this.importing = true;
    this.cancelled = false;
    const files = this.expand(paths);
    const outcomes: ImportOutcome[] = [];
    void (async () => {
      try {
        for (const [index, path] of files.entries()) {
          if (this.cancelled) break;
          await sleep(this.importDelay);
          if (this.cancelled) break;
          let outcome: ImportOutcome;
          try {
            outcome = this.importOne(path);
          } catch (error) {
            const e = error instanceof ApiError ? error : new ApiError('io', String(error));
            outcome = { path, status: 'failed', documentId: null, code: e.code, message: e.message, meeting: null };
          }
          outcomes.push(outcome);
          this.emit('import-progress', { done: index + 1, total: files.length, outcome });
        }
      } finally {
        this.importing = false;
        const count = (status: ImportOutcome['status']) => outcomes.filter((o) => o.status === status).length;
        this.emit('import-done', { imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), outcomes });
      }
    })();
  }

  importPaths(paths: string[]) {
    if (paths.length === 0) return Promise.reject(new ApiError('invalid', 'Nothing to import.'));
    return this.runImport(paths);
  }
  loadSamples() {
    return this.runImport(samples.map((f) => `${SAMPLES_FOLDER}/${f.file}`));
  }
  cancelImport() {
    this.cancelled = true;
    return Promise.resolve();
  }
  onImportProgress(handler: (progress: ImportProgress) => void) {
    return this.listen('import-progress', handler);
  }
  onImportDone(handler: (summary: ImportSummary) => void) {
    return this.listen('import-done', handler);
  }

  // -------------------------------------------------------------------------------------------
  // Analysis and the codebook
  // -------------------------------------------------------------------------------------------

  timeline(scope: Parameters<ScrutineerApi['timeline']>[0]) {
    return this.answer(() => this.library.timeline(scope));
  }
  heatmap(scope: Parameters<ScrutineerApi['heatmap']>[0]) {
    return this.answer(() => this.library.heatmap(scope));
  }
  trends(scope: Parameters<ScrutineerApi['trends']>[0], period: Parameters<ScrutineerApi['trends']>[1]) {
    return this.answer(() => this.library.trends(scope, period));
  }
  themePassages(themeId: string, council: string | null, period: string | null, limit: number) {
    return this.answer(() => this.library.themePassages(themeId, council, period, limit));
  }
  compareCouncils(councils: string[]) {
    return this.answer(() => this.library.compare(councils));
  }
  metricFigures(scope: Parameters<ScrutineerApi['metricFigures']>[0]) {
    return this.answer(() => this.library.metricFigures(scope));
  }
  listActions(scope: Parameters<ScrutineerApi['listActions']>[0]) {
    return this.answer(() => this.library.actions(scope));
  }
  kwic(term: string, scope: Parameters<ScrutineerApi['kwic']>[1], limit: number) {
    return this.answer(() => this.library.kwic(term, scope, limit));
  }
  getCodebook() {
    return this.answer(() => this.library.codebook);
  }
  async saveCodebook(codebook: Parameters<ScrutineerApi['saveCodebook']>[0]) {
    await this.answer(() => this.library.setCodebook(codebook));
    const ids = this.library.ids();
    void (async () => {
      for (const [index, id] of ids.entries()) {
        await sleep(this.importDelay / 4);
        this.library.retheme(id);
        this.emit('themes-progress', { done: index + 1, total: ids.length });
      }
      this.emit('themes-done', undefined);
    })();
  }
  onThemesProgress(handler: (progress: ThemesProgress) => void) {
    return this.listen('themes-progress', handler);
  }
  onThemesDone(handler: () => void) {
    return this.listen('themes-done', () => handler());
  }
  previewPattern(pattern: string) {
    return this.answer(() => this.library.previewPattern(pattern));
  }
  emergentThemes(scope: Parameters<ScrutineerApi['emergentThemes']>[0]) {
    return this.answer(() => this.library.emergent(scope, candidatePhrases));
  }

  exportComparison(councils: string[], format: 'csv' | 'json' | 'html', path: string) {
    return this.answer(() => {
      if (!path.trim()) throw new ApiError('invalid', 'Choose where to save the export.');
      this.library.compare(councils);
      if (!path.toLowerCase().endsWith(`.${format}`)) throw new ApiError('invalid', `The file name should end in .${format}.`);
    });
  }
  backupLibrary(path: string) {
    return this.answer(() => {
      if (!path.trim()) throw new ApiError('invalid', 'Choose where to save the backup.');
    });
  }
  openDataFolder() {
    return this.answer(() => {
      throw new ApiError('no_file_manager', 'The demo library lives in this browser tab; it has no data folder.');
    });
  }

  // -------------------------------------------------------------------------------------------
  // Window and dialogs
  // -------------------------------------------------------------------------------------------

  onDragDrop(handler: (event: DragDropEvent) => void): Promise<Unlisten> {
    const target = this.dropTarget;
    if (!target) return Promise.resolve(() => undefined);
    const hasFiles = (e: Event) => Array.from((e as DragEvent).dataTransfer?.types ?? []).includes('Files');
    let depth = 0;
    const enter = (e: Event) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      if (depth === 1) handler({ type: 'enter', paths: [] });
    };
    const over = (e: Event) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const dt = (e as DragEvent).dataTransfer;
      if (dt) dt.dropEffect = 'copy';
    };
    const leave = (e: Event) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) handler({ type: 'leave' });
    };
    const drop = (e: Event) => {
      const files = Array.from((e as DragEvent).dataTransfer?.files ?? []);
      if (files.length === 0 && !hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      void Promise.all(
        files.map(async (file) => {
          const path = `${DROPPED_FOLDER}/${file.name}`;
          this.dropped.set(path, await readText(file));
          return path;
        }),
      ).then((paths) => handler({ type: 'drop', paths }));
    };
    target.addEventListener('dragenter', enter);
    target.addEventListener('dragover', over);
    target.addEventListener('dragleave', leave);
    target.addEventListener('drop', drop);
    return Promise.resolve(() => {
      target.removeEventListener('dragenter', enter);
      target.removeEventListener('dragover', over);
      target.removeEventListener('dragleave', leave);
      target.removeEventListener('drop', drop);
    });
  }

  /** Remembers a file's text as if it had been dropped; returns its path. For tests. */
  stageFile(name: string, text: string): string {
    const path = `${DROPPED_FOLDER}/${name}`;
    this.dropped.set(path, text);
    return path;
  }

  pickImport(what: 'files' | 'folder') {
    return this.answer(() => (what === 'folder' ? [DEMO_FOLDER] : inbox.map((f) => f.path)));
  }
  pickSavePath(options: Parameters<ScrutineerApi['pickSavePath']>[0]) {
    return this.answer(() => `/home/demo/Documents/${options.defaultName}`);
  }
}

export function createFakeApi(options: FakeOptions = {}): ScrutineerApi {
  return new FakeApi(options);
}
