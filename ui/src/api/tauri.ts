// The desktop app's client: each method is one Tauri command (snake_case name, camelCase argument
// keys), each event one `listen`. Errors are normalised to `ApiError` here so that views never see
// Tauri's shapes.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';
import { toApiError } from './errors';
import type { DragDropEvent, ScrutineerApi, ThemesProgress, Unlisten } from './types';
import type { ImportProgress, ImportSummary } from './model';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

async function on<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  return listen<T>(event, (e) => handler(e.payload));
}

const MINUTES_EXTENSIONS = ['txt', 'md', 'markdown', 'htm', 'html', 'pdf'];

export function createTauriApi(): ScrutineerApi {
  return {
    kind: 'tauri',
    appInfo: () => call('app_info'),
    libraryStats: () => call('library_stats'),
    listMeetings: (filter) => call('list_meetings', { filter }),
    getMeeting: (id) => call('get_meeting', { id }),
    correctMeeting: (id, correction) => call('correct_meeting', { id, correction }),
    deleteMeeting: (id) => call('delete_meeting', { id }),
    search: (query) => call('search', { query }),
    importPaths: (paths) => call('import_paths', { paths }),
    loadSamples: () => call('load_samples'),
    cancelImport: () => call('cancel_import'),
    onImportProgress: (handler) => on<ImportProgress>('import-progress', handler),
    onImportDone: (handler) => on<ImportSummary>('import-done', handler),
    timeline: (scope) => call('timeline', { scope }),
    heatmap: (scope) => call('heatmap', { scope }),
    trends: (scope, period) => call('trends', { scope, period }),
    themePassages: (themeId, council, period, limit) => call('theme_passages', { themeId, council, period, limit }),
    compareCouncils: (councils) => call('compare_councils', { councils }),
    metricFigures: (scope) => call('metric_figures', { scope }),
    listActions: (scope) => call('list_actions', { scope }),
    kwic: (term, scope, limit) => call('kwic', { term, scope, limit }),
    getCodebook: () => call('get_codebook'),
    saveCodebook: (codebook) => call('save_codebook', { codebook }),
    onThemesProgress: (handler) => on<ThemesProgress>('themes-progress', handler),
    onThemesDone: (handler) => on<unknown>('themes-done', () => handler()),
    previewPattern: (pattern) => call('preview_pattern', { pattern }),
    emergentThemes: (scope) => call('emergent_themes', { scope }),
    exportComparison: (councils, format, path) => call('export_comparison', { councils, format, path }),
    backupLibrary: (path) => call('backup_library', { path }),
    openDataFolder: () => call('open_data_folder'),

    async onDragDrop(handler) {
      return getCurrentWebview().onDragDropEvent((event) => {
        const payload = event.payload;
        let mapped: DragDropEvent;
        switch (payload.type) {
          case 'enter':
            mapped = { type: 'enter', paths: payload.paths };
            break;
          case 'over':
            mapped = { type: 'over' };
            break;
          case 'drop':
            mapped = { type: 'drop', paths: payload.paths };
            break;
          default:
            mapped = { type: 'leave' };
        }
        handler(mapped);
      });
    },

    async pickImport(what) {
      try {
        const picked = await open(
          what === 'folder'
            ? { directory: true, multiple: false, title: 'Import a folder of minutes' }
            : {
                multiple: true,
                title: 'Import minutes',
                filters: [{ name: 'Minutes (text, web pages, PDF)', extensions: MINUTES_EXTENSIONS }],
              },
        );
        if (picked === null) return null;
        return Array.isArray(picked) ? picked : [picked];
      } catch (error) {
        throw toApiError(error);
      }
    },

    async pickSavePath(options) {
      try {
        return await save({ title: options.title, defaultPath: options.defaultName, filters: options.filters });
      } catch (error) {
        throw toApiError(error);
      }
    },
  };
}
