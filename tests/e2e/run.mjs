#!/usr/bin/env node
// End-to-end test of the real desktop app: the Tauri build of Scrutineer, its real window
// (WebKitGTK), its command layer and the core, driven through tauri-driver + WebKitWebDriver
// under Xvfb with plain WebDriver calls. See README.md beside this file for what it asserts.
//
//   node tests/e2e/run.mjs              build the app (tauri build --debug --no-bundle), then test
//   E2E_SKIP_BUILD=1 node …             use the binary already built (scripts/test builds first)
//   E2E_STEPS=welcome,samples,search …  run only these steps (they build on each other: keep order)
//   E2E_HEADED=1 node …                 use the current $DISPLAY instead of Xvfb
//   E2E_APP=/path/usr/bin/scrutineer-app …  test another build (an unpacked .deb), without building
//   E2E_DATA_HOME=/some/dir …           the app's XDG data folder, kept after the run; the app
//                                        finds its library there itself (no SCRUTINEER_DB)
//   E2E_ARTIFACTS=artifacts/install …   where screenshots and metrics go (default artifacts/e2e)
//
// Every run gets a fresh library (SCRUTINEER_DB) and fresh webview data in a temporary folder,
// unless E2E_DATA_HOME names the data folder (the installed-package test, tests/install/).
// Screenshots of every view land in artifacts/e2e/<view>.png; figures in artifacts/e2e/metrics.json.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session, waitFor } from './webdriver.mjs';
import { brokenPdf, emptySqliteDatabase, hostileHtml, hostileText, textPdf, writeBulk } from './files.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const APP = process.env.E2E_APP ? resolve(process.env.E2E_APP) : join(ROOT, 'target/debug/scrutineer-app');
const ARTIFACTS = process.env.E2E_ARTIFACTS ? resolve(process.env.E2E_ARTIFACTS) : join(ROOT, 'artifacts/e2e');
const WORKER_ARG = '__pdf-worker';
const FIRST_VIEW_MARK = 'scrutineer:first-view';

// ---------------------------------------------------------------------------------------------
// The display: re-run this script under Xvfb unless told to use the current display.
// ---------------------------------------------------------------------------------------------

if (!process.env.E2E_UNDER_XVFB && !(process.env.E2E_HEADED && process.env.DISPLAY)) {
  const run = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', process.execPath, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, E2E_UNDER_XVFB: '1' },
  });
  if (run.error) {
    console.error(`cannot start xvfb-run (${run.error.message}): run scripts/setup --test, or set E2E_HEADED=1 with a DISPLAY`);
    process.exit(1);
  }
  process.exit(run.status ?? 1);
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

function log(message) {
  process.stdout.write(`${message}\n`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Processes whose parent is `pid`, with their command lines. */
function children(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0') });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** The app's own process (not a PDF worker): the one running APP without the worker argument. */
function appProcess() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/exe`) !== APP) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.includes(WORKER_ARG)) return Number(entry);
    } catch {
      // Not ours to read, or gone.
    }
  }
  return null;
}

/** VmRSS of a process, in MiB. */
function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** The app's memory: its own process, and the WebKit processes it started for the window. */
function memory(pid) {
  const webkit = children(pid).filter((c) => /WebKit(Web|Network|GPU)Process/.test(c.cmdline[0] ?? ''));
  return {
    appRssMiB: rssMiB(pid),
    webkitRssMiB: Math.round(webkit.reduce((sum, c) => sum + rssMiB(c.pid), 0) * 10) / 10,
    webkitProcesses: webkit.length,
  };
}

/** When a process started, in milliseconds since the epoch (to the kernel's clock tick). */
function processStartEpochMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]);
  const bootSeconds = Number(/btime (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return bootSeconds * 1000 + (startTicks / ticks) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Build, fresh folders, the driver
// ---------------------------------------------------------------------------------------------

if (!process.env.E2E_SKIP_BUILD && !process.env.E2E_APP) {
  log('==> building the app: tauri build --debug --no-bundle');
  const build = spawnSync(join(ROOT, 'ui/node_modules/.bin/tauri'), ['build', '--debug', '--no-bundle'], {
    cwd: ROOT,
    stdio: 'inherit',
    // The Tauri CLI takes CI as its --ci flag and accepts only true or false; CI systems set CI=1.
    env: { ...process.env, ...(process.env.CI ? { CI: 'true' } : {}) },
  });
  if (build.status !== 0) {
    console.error('the app build failed (run scripts/setup first if ui/node_modules is missing)');
    process.exit(1);
  }
}

const temp = mkdtempSync(join(tmpdir(), 'scrutineer-e2e-'));
// With E2E_DATA_HOME the app is left to find its library where an installed app would: in its
// platform data folder under XDG_DATA_HOME (`scrutineer/library.db`).
const dataHome = process.env.E2E_DATA_HOME ? resolve(process.env.E2E_DATA_HOME) : join(temp, 'data');
const defaultLibrary = Boolean(process.env.E2E_DATA_HOME);
const database = defaultLibrary ? join(dataHome, 'scrutineer', 'library.db') : join(temp, 'library.db');
const inbox = join(temp, 'inbox');
mkdirSync(inbox);
// A stand-in for the desktop's folder opener: "Show in file manager" must reach it, from Rust.
const fakeBin = join(temp, 'bin');
const opened = join(temp, 'opened.txt');
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, { mode: 0o755 });
rmSync(ARTIFACTS, { recursive: true, force: true });
mkdirSync(ARTIFACTS, { recursive: true });

let session;
const metrics = {};
const results = [];

/**
 * Starts tauri-driver (which starts WebKitWebDriver, which starts the app) with `library` as the
 * app's library file, and opens a session on the app's window. `stop()` ends all three.
 */
async function launchApp(library) {
  const port = await freePort();
  const nativePort = await freePort();
  const env = {
    ...process.env,
    SCRUTINEER_DB: library,
    PATH: `${fakeBin}:${process.env.PATH}`,
    // The webview keeps its own data (the UI's theme choice, caches) under XDG folders: fresh too.
    XDG_DATA_HOME: dataHome,
    XDG_CONFIG_HOME: join(temp, 'config'),
    XDG_CACHE_HOME: join(temp, 'cache'),
  };
  if (defaultLibrary && library === database) delete env.SCRUTINEER_DB;
  const output = [];
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], { env });
  driver.stdout.on('data', (d) => output.push(String(d)));
  driver.stderr.on('data', (d) => output.push(String(d)));
  const exited = new Promise((resolveExit) => driver.on('close', resolveExit));
  let spawnError = null;
  driver.on('error', (error) => {
    spawnError = error;
  });
  const stopDriver = async () => {
    if (driver.exitCode === null && !spawnError) driver.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('tauri-driver to listen', async () => {
      if (spawnError) throw new Error(`cannot start tauri-driver (${spawnError.message}): run scripts/setup --test`);
      return (await fetch(`${base}/status`)).ok;
    });
    const t0 = Date.now();
    session = await Session.create(base, { alwaysMatch: { 'tauri:options': { application: APP } } });
    metrics.sessionMs ??= Date.now() - t0;
  } catch (error) {
    await stopDriver();
    throw new Error(`${error.message}\n${output.join('').slice(-3000)}`);
  }
  const own = session;
  return {
    async stop() {
      await own.close();
      await stopDriver();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

async function shot(name) {
  writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
}

/** Navigates by the app's hash routes, as its own links do. */
async function go(hash) {
  await session.execute('window.location.hash = arguments[0];', hash);
}

/** Calls a command through the app's own IPC, as the UI's api layer does. */
async function invoke(command, args = {}) {
  const result = await session.executeAsync(
    `const [command, args, done] = arguments;
     window.__TAURI_INTERNALS__.invoke(command, args).then(
       (value) => done({ ok: true, value: value ?? null }),
       (error) => done({ ok: false, error }));`,
    command,
    args,
  );
  if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Text of the first displayed element matching `selector`, once it has some. */
async function textOf(selector, options) {
  return waitFor(`text in ${selector}`, async () => (await (await session.waitFor(selector, options)).text()).trim(), options);
}

async function meetingId(fileName) {
  const meetings = await invoke('list_meetings', {
    filter: { council: null, committee: null, year: null, kind: null, needsReview: false, sort: 'dateAsc', limit: null, offset: null },
  });
  const found = meetings.find((m) => m.fileName === fileName);
  assert(found, `${fileName} is in the library`);
  return found.id;
}

/** The literal characters document text may contain but the page must never turn into elements. */
async function injected(scope) {
  return session.execute(
    `const root = document.querySelector(arguments[0]) || document;
     return {
       elements: root.querySelectorAll('script:not([src]), img[src="x"], iframe, object, [onerror]').length,
       javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
     };`,
    scope,
  );
}

// ---------------------------------------------------------------------------------------------
// The steps
// ---------------------------------------------------------------------------------------------

const COUNCILS = {
  northmoor: 'Northmoor Metropolitan Borough Council',
  eastbridge: 'Eastbridge County Council',
  kingsmere: 'London Borough of Kingsmere',
  milburn: 'Milburn Parish Council',
};
const SAMPLE_FILES = 20;
const BULK_FILES = 1000;

const steps = [
  [
    'welcome',
    async () => {
      // The first view of an empty library, and how long the app took to show it.
      const heading = await textOf('#welcome-title', { timeout: 30_000 });
      assert(heading === 'Turn council minutes into evidence', `the empty library welcomes: ${heading}`);
      await session.waitFor('//button[normalize-space()="Load sample minutes"]');
      const mark = await waitFor('the first-view mark', () =>
        session.execute(
          `const m = performance.getEntriesByName(arguments[0])[0];
           return m ? { origin: performance.timeOrigin, firstView: m.startTime } : null;`,
          FIRST_VIEW_MARK,
        ),
      );
      const pid = appProcess();
      assert(pid, 'the app process is found');
      const processStart = processStartEpochMs(pid);
      // From the process starting to the first view drawn; and the part before the page began to load.
      metrics.coldStartMs = Math.round(mark.origin + mark.firstView - processStart);
      metrics.processToPageLoadMs = Math.round(mark.origin - processStart);
      await new Promise((r) => setTimeout(r, 1500));
      metrics.idleEmpty = memory(pid);
      // Record CSP violations from here on (the UI's own bundle loaded under the app's CSP).
      await session.execute(`window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`);
      await shot('welcome');
    },
  ],
  [
    'samples',
    async () => {
      // "Load sample minutes": the real import through the command layer, the resources and the core.
      const started = Date.now();
      await (await session.find('//button[normalize-space()="Load sample minutes"]')).click();
      await session.waitFor('//*[@role="dialog"]//h2[normalize-space()="Import finished"]', { timeout: 90_000 });
      metrics.sampleImportMs = Date.now() - started;
      const imported = await textOf('.import-summary .sum.imported');
      assert(imported === `${SAMPLE_FILES} imported`, `every sample is imported: ${imported}`);
      const outcomes = await session.findAll('.outcomes .outcome.imported');
      assert(outcomes.length === SAMPLE_FILES, `the panel lists an outcome per file: ${outcomes.length}`);
      const detail = await (await outcomes[0].find('.outcome-detail a')).text();
      assert(detail.includes(' · '), `an outcome says what was read (council · committee · date): ${detail}`);
      const done = await (await session.find('[role="progressbar"]')).attribute('aria-valuenow');
      assert(done === String(SAMPLE_FILES), `the progress bar is full: ${done}`);
      await shot('import');
      await (await session.find('//*[@role="dialog"]//button[normalize-space()="Done"]')).click();
    },
  ],
  [
    'library',
    async () => {
      await (await session.find('a.nav-item[href="#/library"]')).click();
      await waitFor(`${SAMPLE_FILES} rows in the library`, async () => (await session.findAll('table[aria-label="Meetings"] tbody tr[data-row]')).length === SAMPLE_FILES);
      await shot('library');
    },
  ],
  [
    'timeline',
    async () => {
      await (await session.find('a.nav-item[href="#/timeline"]')).click();
      const chart = await session.waitFor('[role="img"][aria-label^="Timeline of"] svg', { timeout: 20_000 });
      assert(chart, 'the timeline chart is drawn');
      const label = await (await session.find('[role="img"][aria-label^="Timeline of"]')).attribute('aria-label');
      const dated = Number(/Timeline of (\d+)/.exec(label)?.[1]);
      assert(dated === SAMPLE_FILES - 1, `every dated sample is on the timeline, the undated one apart: ${label}`);
      const text = await session.execute(`return document.querySelector('[role="img"][aria-label^="Timeline of"]').textContent;`);
      for (const council of Object.values(COUNCILS)) assert(text.includes(council), `a lane for ${council}`);
      const undated = await textOf('section[aria-labelledby="undated-h"]');
      assert(/Youth Justice Plan/i.test(undated), `the undated agenda item is listed apart: ${undated.slice(0, 200)}`);
      await shot('timeline');
    },
  ],
  [
    'meeting',
    async () => {
      // Opened from the library list, as a user would.
      const id = await meetingId('2023-01-17-childrens-services-scrutiny-board.txt');
      await (await session.find('a.nav-item[href="#/library"]')).click();
      const link = await session.waitFor(`table[aria-label="Meetings"] a[href="#/meeting/${id}"]`);
      await link.click();
      const committee = await textOf('h1');
      assert(committee === "Children's Services Scrutiny Board", `the committee heads the meeting: ${committee}`);
      const overview = await textOf('#m-overview');
      assert(overview.includes(COUNCILS.northmoor), `the council is read: ${overview.slice(0, 300)}`);
      assert(/17 Jan(uary)? 2023/.test(overview), `the date is read: ${overview.slice(0, 300)}`);
      const people = await textOf('#m-attendance');
      assert(/Ashworth[\s\S]*Chair/.test(people), `the chair is marked in attendance: ${people.slice(0, 300)}`);
      const items = await session.findAll('#m-items li');
      assert(items.length >= 8, `the agenda items are listed: ${items.length}`);
      const resolutions = await session.findAll('#m-resolutions li');
      assert(resolutions.length >= 1, 'a resolution is listed');
      // Click a figure: its passage is highlighted in the source text.
      const figure = await session.waitFor('//*[@id="m-figures"]//button[contains(@class,"fact")][contains(normalize-space(),"17")]');
      await session.execute('arguments[0].scrollIntoView({block: "center"});', figure);
      await figure.click();
      const selected = await textOf('.page-text .selected');
      assert(selected.includes('17'), `the figure's passage is highlighted: ${selected}`);
      await shot('meeting');
    },
  ],
  [
    'themes',
    async () => {
      await (await session.find('a.nav-item[href="#/themes"]')).click();
      await session.waitFor('table[aria-label="Themes by council"]', { timeout: 20_000 });
      const cell = await session.waitFor(`//table[@aria-label="Themes by council"]//button[starts-with(normalize-space(.), "Fostering in ${COUNCILS.northmoor}")]`);
      const share = await (await cell.find('.heat-share')).text();
      assert(parseFloat(share) > 0, `fostering takes a share of Northmoor's minutes: ${await cell.text()}`);
      await shot('themes');
      await cell.click();
      const drawer = await session.waitFor('//*[@role="dialog"][contains(@aria-label, "Fostering") or .//h2[contains(., "Fostering")]]');
      assert(drawer, 'the passages behind the cell open');
      await waitFor('passages in the drawer', async () => (await session.findAll('[role="dialog"] .kwic-key')).length > 0);
      const keys = await session.execute(`return [...document.querySelectorAll('[role="dialog"] .kwic-key')].map((k) => k.textContent);`);
      // A key is the matched pattern: a word (foster carers) or a phrase (independent fostering agencies).
      for (const key of keys) assert(/\bfoster/i.test(key.trim()), `every passage is about fostering: ${key}`);
      await shot('themes-passages');
      await session.call('POST', '/actions', {
        actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: '\uE00C' }, { type: 'keyUp', value: '\uE00C' }] }],
      });
    },
  ],
  [
    'compare',
    async () => {
      await (await session.find('a.nav-item[href="#/compare"]')).click();
      for (const council of [COUNCILS.northmoor, COUNCILS.eastbridge]) {
        await (await session.waitFor(`//button[contains(normalize-space(), "${council}")]`, { timeout: 20_000 })).click();
      }
      await session.waitFor(`//article[@aria-label="${COUNCILS.northmoor}"]`, { timeout: 20_000 });
      await session.waitFor(`//article[@aria-label="${COUNCILS.eastbridge}"]`);
      const distinctive = await textOf('section[aria-labelledby="distinctive-h"]');
      assert(/early help|MASH|front door|threshold/i.test(distinctive), `Northmoor's distinctive themes are named: ${distinctive.slice(0, 400)}`);
      assert(/youth justice|reoffending/i.test(distinctive), `Eastbridge's distinctive themes are named: ${distinctive.slice(0, 400)}`);
      const evidence = await session.findAll('section[aria-labelledby="distinctive-h"] a[href*="#/meeting/"]');
      assert(evidence.length > 0, 'distinctive themes cite their passages');
      const figures = await session.findAll('.figures-table tbody tr');
      assert(figures.length > 0, 'a metrics row compares figures');
      await session.execute(`document.querySelector('main').scrollTo(0, 0);`);
      await shot('compare');
      await session.execute('arguments[0].scrollIntoView({ block: "start" });', figures[0]);
      await shot('compare-figures');
    },
  ],
  [
    'codebook',
    async () => {
      // Add a pattern to a theme: the live preview counts its matches, and saving re-applies the
      // codebook with progress events until themes-done.
      await go('#/themes?tab=codebook');
      await (await session.waitFor('//button[contains(@class, "theme-pick")][span[normalize-space()="Fostering"]]', { timeout: 20_000 })).click();
      const input = await session.waitFor('input[aria-label="New pattern for finds paragraphs with"]');
      await input.type('supported accommodation');
      const counted = /matches (at least )?\d+ paragraphs? in \d+ meetings?/;
      const preview = await waitFor('the live preview of the draft pattern', async () => {
        const text = await textOf('.patterns .preview-line');
        return counted.test(text) && text;
      }, { timeout: 20_000 });
      assert(!/matches 0 /.test(preview), `the draft pattern finds passages in the samples: ${preview}`);
      await shot('codebook');
      await session.executeAsync(
        `const done = arguments[0];
         const internals = window.__TAURI_INTERNALS__;
         const state = (window.__themes = { progress: 0, done: false });
         const onProgress = internals.transformCallback(() => { state.progress += 1; });
         const onDone = internals.transformCallback(() => { state.done = true; });
         Promise.all([
           internals.invoke('plugin:event|listen', { event: 'themes-progress', target: { kind: 'Any' }, handler: onProgress }),
           internals.invoke('plugin:event|listen', { event: 'themes-done', target: { kind: 'Any' }, handler: onDone }),
         ]).then(() => done(true));`,
      );
      await input.type('supported accommodation\uE007');
      await (await session.find('//button[normalize-space()="Save and apply"]')).click();
      const themes = await waitFor('themes-done', () => session.execute('return window.__themes.done ? window.__themes : null;'), { timeout: 60_000 });
      assert(themes.progress > 0, `re-applying the changed theme reports progress (${themes.progress} events)`);
      const codebook = await invoke('get_codebook');
      const fostering = codebook.themes.find((t) => t.label === 'Fostering');
      assert(fostering?.include.includes('supported accommodation'), `the pattern is saved in the library's codebook: ${JSON.stringify(fostering?.include)}`);
      await waitFor('the editor to settle', async () => (await session.findAll('//*[contains(., "Applying themes to the library")]')).length === 0);
    },
  ],
  [
    'export',
    async () => {
      // What the compare view's export buttons write (after their save dialog), through the command.
      const councils = [COUNCILS.northmoor, COUNCILS.eastbridge];
      const html = join(temp, 'exports', 'comparison.html');
      const csv = join(temp, 'exports', 'comparison.csv');
      mkdirSync(dirname(html), { recursive: true });
      await invoke('export_comparison', { councils, format: 'html', path: html });
      await invoke('export_comparison', { councils, format: 'csv', path: csv });
      const report = readFileSync(html, 'utf8');
      assert(!/<script/i.test(report), 'the HTML report runs no script');
      for (const council of councils) assert(report.includes(council), `the report names ${council}`);
      const table = readFileSync(csv, 'utf8').split('\n');
      assert(table.length > 2 && table[0].includes(','), `the CSV has a header and rows: ${table[0]}`);
    },
  ],
  [
    'search',
    async () => {
      const box = await session.find('input[aria-label="Search all minutes"]');
      await box.type('foster*\uE007');
      await waitFor('highlighted snippets', async () => (await session.findAll('.hit-snippet mark')).length > 0, { timeout: 20_000 });
      const marks = await session.execute(`return [...document.querySelectorAll('.hit-snippet mark')].map((m) => m.textContent);`);
      for (const mark of marks.slice(0, 20)) assert(/^foster/i.test(mark), `a highlight is a match: ${mark}`);
      const snippets = await session.execute(`return [...document.querySelectorAll('.hit-snippet')].map((s) => s.textContent).join('');`);
      assert(!snippets.includes('\u0002') && !snippets.includes('\u0003'), 'the snippet markers never reach the screen');
      await shot('search');
    },
  ],
  [
    'settings',
    async () => {
      await (await session.find('a.nav-item[href="#/settings"]')).click();
      const about = await textOf('section[aria-labelledby="about-h"] dl');
      const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
      assert(version && about.includes(version), `Settings shows the version ${version}: ${about}`);
      assert(about.includes(database), `Settings shows the library file ${database}: ${about}`);
      await shot('settings');
      await (await session.find('//button[normalize-space()="Show in file manager"]')).click();
      const shown = await waitFor('the folder opener to run', () => existsSync(opened) && readFileSync(opened, 'utf8'));
      assert(shown === dirname(database), `the data folder is shown in the file manager: ${shown}`);
      // The backup the Settings button makes (after its save dialog) is a whole, separate library.
      const backup = join(temp, 'backups', 'library-copy.db');
      await invoke('backup_library', { path: backup });
      const header = readFileSync(backup).subarray(0, 16).toString('latin1');
      assert(header === 'SQLite format 3\0', `the backup is a SQLite database: ${JSON.stringify(header)}`);
    },
  ],
  [
    'hostile',
    async () => {
      // Files written here and imported through the command layer (import_paths), as a drop
      // would: markup in document text must render as text, and each bad file says why it failed.
      const files = {
        text: join(inbox, 'hostile-minutes.txt'),
        html: join(inbox, 'hostile-page.html'),
        pdf: join(inbox, 'finance-minutes.pdf'),
        broken: join(inbox, 'broken.pdf'),
        missing: join(inbox, 'gone-before-import.txt'),
      };
      writeFileSync(files.text, hostileText());
      writeFileSync(files.html, hostileHtml());
      writeFileSync(files.pdf, textPdf());
      writeFileSync(files.broken, brokenPdf());
      await session.executeAsync(
        `const done = arguments[0];
         window.__e2eImports = [];
         const handler = window.__TAURI_INTERNALS__.transformCallback((event) => window.__e2eImports.push(event.payload));
         window.__TAURI_INTERNALS__.invoke('plugin:event|listen', { event: 'import-done', target: { kind: 'Any' }, handler }).then(() => done(true));`,
      );
      await invoke('import_paths', { paths: Object.values(files) });
      const summary = await waitFor('the import to finish', () => session.execute('return window.__e2eImports[0] || null;'), { timeout: 60_000 });
      const byName = Object.fromEntries(summary.outcomes.map((o) => [o.path.split('/').pop(), o]));
      assert(byName['hostile-minutes.txt']?.status === 'imported', `the hostile text is imported: ${JSON.stringify(byName['hostile-minutes.txt'])}`);
      assert(byName['hostile-page.html']?.status === 'imported', 'the hostile web page is imported');
      assert(byName['finance-minutes.pdf']?.status === 'imported', `a PDF is read by the worker (this app re-run): ${JSON.stringify(byName['finance-minutes.pdf'])}`);
      assert(byName['broken.pdf']?.status === 'failed' && /^pdf_/.test(byName['broken.pdf'].code), `a broken PDF fails alone, with a reason: ${JSON.stringify(byName['broken.pdf'])}`);
      assert(byName['gone-before-import.txt']?.code === 'not_found', `a vanished path says so: ${JSON.stringify(byName['gone-before-import.txt'])}`);
      metrics.badInputOutcomes = Object.fromEntries(Object.entries(byName).map(([name, o]) => [name, o.code ?? o.status]));

      const pdfMeeting = await invoke('get_meeting', { id: byName['finance-minutes.pdf'].documentId });
      assert(pdfMeeting.pages.some((p) => p.text.includes('Ashcombe')), 'the PDF text was read');

      await go(`#/meeting/${byName['hostile-minutes.txt'].documentId}`);
      const source = await textOf('.source-scroll');
      for (const literal of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)']) {
        assert(source.includes(literal), `the meeting shows ${literal} as text`);
      }
      const inMeeting = await injected('.source-scroll');
      assert(inMeeting.elements === 0 && inMeeting.javascriptLinks === 0, `no element is injected in the meeting: ${JSON.stringify(inMeeting)}`);
      const wraps = await session.execute(`const s = document.querySelector('.source-scroll'); return s.scrollWidth <= s.clientWidth + 1;`);
      assert(wraps, 'the 5,000-character line wraps inside the source panel');
      await shot('hostile-meeting');

      await go(`#/meeting/${byName['hostile-page.html'].documentId}`);
      await textOf('.source-scroll');
      const inPage = await injected('.source-scroll');
      assert(inPage.elements === 0 && inPage.javascriptLinks === 0, `no element is injected from the web page: ${JSON.stringify(inPage)}`);

      // Extraction drops tag-like markup from paragraphs (converters leave it), so the snippet
      // shows the words around it; the page must still hold no injected element.
      const box = await session.find('input[aria-label="Search all minutes"]');
      await box.type('resident accepted\uE007');
      const snippet = await textOf('.hit-snippet', { timeout: 20_000 });
      assert(snippet.includes('alert(1)'), `the hostile paragraph is found: ${snippet}`);
      const inSearch = await injected('main');
      assert(inSearch.elements === 0 && inSearch.javascriptLinks === 0, `no element is injected in search results: ${JSON.stringify(inSearch)}`);
      await shot('hostile-search');
      assert((await session.alertText()) === null, 'no alert ever opened');
    },
  ],
  [
    'edit',
    async () => {
      // Correct a meeting's date and delete another from the library list: correct_meeting and
      // delete_meeting through the real window.
      const page = await meetingId('hostile-page.html');
      const text = await meetingId('hostile-minutes.txt');
      await go('#/library');
      await (await session.waitFor('button[aria-label="Correct hostile-page.html"]')).click();
      await (await session.waitFor('input[aria-label="Meeting date (YYYY-MM-DD)"]')).type('2024-05-14');
      await (await session.find('//div[@role="group"]//button[normalize-space()="Save"]')).click();
      const corrected = await waitFor('the correction to be stored', async () => {
        const detail = await invoke('get_meeting', { id: page });
        return detail.meeting.date === '2024-05-14' && detail.meeting;
      });
      assert(corrected.corrected.includes('meetingDate'), `the date is marked as corrected: ${JSON.stringify(corrected.corrected)}`);
      const row = await session.waitFor(`//tr[.//a[@href="#/meeting/${page}"]][contains(., "14 May 2024")]`);
      await session.execute('arguments[0].scrollIntoView({ block: "center" });', row);
      await shot('library-corrected');
      const before = (await invoke('library_stats')).documents;
      await (await session.waitFor('button[aria-label="Delete hostile-minutes.txt"]')).click();
      await (await session.waitFor(`//dialog[@open]//button[normalize-space()="Delete"]`)).click();
      await waitFor('the meeting to leave the library', async () => (await invoke('library_stats')).documents === before - 1);
      const gone = await session.executeAsync(
        `const done = arguments[1];
         window.__TAURI_INTERNALS__.invoke('get_meeting', { id: arguments[0] }).then(() => done(null), (e) => done(e));`,
        text,
      );
      assert(gone?.code === 'not_found', `a deleted meeting is not found, by code: ${JSON.stringify(gone)}`);
    },
  ],
  [
    'bulk',
    async () => {
      // A thousand files through the command layer while the window keeps drawing and answering.
      // Figures are reported, not asserted: this machine is shared and timings vary.
      const folder = join(inbox, 'bulk');
      writeBulk(folder, BULK_FILES);
      // The library list is the heaviest view to keep drawn while documents land.
      await go('#/library');
      await new Promise((r) => setTimeout(r, 1000));
      metrics.idleFramesPerSecond = (await session.executeAsync(
        `const done = arguments[0]; let n = 0; const t0 = performance.now();
         const f = () => { n += 1; if (performance.now() - t0 < 2000) requestAnimationFrame(f); else done(n); };
         requestAnimationFrame(f);`,
      )) / 2;
      await session.executeAsync(
        `const done = arguments[0];
         const internals = window.__TAURI_INTERNALS__;
         const state = (window.__bulk = { progress: [], summary: null, frames: 0, maxGapMs: 0, statsMs: [] });
         let last = performance.now();
         const tick = (t) => {
           state.maxGapMs = Math.max(state.maxGapMs, t - last);
           last = t;
           state.frames += 1;
           if (!state.summary) requestAnimationFrame(tick);
         };
         requestAnimationFrame(tick);
         const onProgress = internals.transformCallback((e) => state.progress.push(e.payload.done));
         const onDone = internals.transformCallback((e) => { state.summary = e.payload; });
         Promise.all([
           internals.invoke('plugin:event|listen', { event: 'import-progress', target: { kind: 'Any' }, handler: onProgress }),
           internals.invoke('plugin:event|listen', { event: 'import-done', target: { kind: 'Any' }, handler: onDone }),
         ]).then(() => done(true));`,
      );
      const before = (await invoke('library_stats')).documents;
      const started = Date.now();
      await invoke('import_paths', { paths: [folder] });
      // Ask the library for its counts while the import writes, as the window's views do.
      await session.execute(
        `(async () => {
           const state = window.__bulk;
           while (!state.summary) {
             const t = performance.now();
             await window.__TAURI_INTERNALS__.invoke('library_stats');
             state.statsMs.push(performance.now() - t);
             await new Promise((r) => setTimeout(r, 50));
           }
         })();`,
      );
      const state = await waitFor('the bulk import to finish', () => session.execute('return window.__bulk.summary ? window.__bulk : null;'), { timeout: 300_000 });
      const elapsed = Date.now() - started;
      assert(state.summary.imported === BULK_FILES, `every file is imported: ${JSON.stringify({ ...state.summary, outcomes: state.summary.outcomes.length })}`);
      assert(
        state.progress.length === BULK_FILES && state.progress.every((done, i) => done === i + 1),
        `one progress event per file, in order (${state.progress.length} events)`,
      );
      const after = (await invoke('library_stats')).documents;
      assert(after === before + BULK_FILES, `the library holds them all: ${before} + ${BULK_FILES} = ${after}`);
      await waitFor('the sidebar count to follow', async () => (await textOf('a.nav-item[href="#/library"] .nav-count')).replace(/\D/g, '') === String(after));
      const sorted = [...state.statsMs].sort((a, b) => a - b);
      metrics.bulkImport = {
        files: BULK_FILES,
        ms: elapsed,
        filesPerSecond: Math.round((BULK_FILES / elapsed) * 1000),
        framesPerSecond: Math.round((state.frames / elapsed) * 1000),
        maxFrameGapMs: Math.round(state.maxGapMs),
        statsCallsDuringImport: sorted.length,
        statsP95Ms: sorted.length ? Math.round(sorted[Math.floor(sorted.length * 0.95)]) : null,
      };
      await shot('bulk-library');
    },
  ],
  [
    'idle',
    async () => {
      await go('#/library');
      await new Promise((r) => setTimeout(r, 2000));
      metrics.idleLoaded = memory(appProcess());
      const violations = await session.execute('return window.__csp || [];');
      assert(violations.length === 0, `the app runs under its CSP without violations: ${violations.join(', ')}`);
    },
  ],
  [
    'newer-library',
    () =>
      unopenable('library-newer', emptySqliteDatabase({ userVersion: 999 }), {
        code: 'schema_too_new',
        title: 'The library was made by a newer Scrutineer',
      }),
  ],
  [
    'not-a-library',
    () =>
      unopenable('library-not-a-library', Buffer.from('These are meeting notes, not a database.\n'.repeat(200)), {
        code: 'library_unusable',
        title: 'This file cannot be used as the library',
      }),
  ],
];

/** Steps that start the app on a library of their own. */
const STANDALONE = new Set(['newer-library', 'not-a-library']);

/**
 * Starts the app on a library file it cannot open: the window must still open, say why with the
 * error's code, keep Settings working, and leave the file as it was.
 */
async function unopenable(view, bytes, expected) {
  const file = join(temp, view, 'library.db');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const own = await launchApp(file);
  try {
    const alert = await textOf('main [role="alert"]', { timeout: 30_000 });
    assert(alert.includes(expected.code), `the error shows its code ${expected.code}: ${alert}`);
    assert(alert.includes(expected.title), `the error says why: ${alert}`);
    await shot(view);
    await (await session.find('a.nav-item[href="#/settings"]')).click();
    const about = await textOf('section[aria-labelledby="about-h"] dl');
    assert(about.includes(file), `Settings still shows which file is at fault: ${about}`);
  } finally {
    await own.stop();
  }
  assert(readFileSync(file).equals(bytes), 'the library file is left untouched');
}

// ---------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------

const only = process.env.E2E_STEPS?.split(',').map((x) => x.trim());
let failed = false;
const started = Date.now();
let app = null;
try {
  for (const [name, run] of steps) {
    if (only && !only.includes(name)) continue;
    const t0 = Date.now();
    try {
      // Steps on the fresh library share one window; the others start the app on their own file.
      if (STANDALONE.has(name) && app) {
        await app.stop();
        app = null;
      }
      if (!app && !STANDALONE.has(name)) app = await launchApp(database);
      await run();
      results.push({ name, ok: true, ms: Date.now() - t0 });
      log(`  ok    ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed = true;
      results.push({ name, ok: false, ms: Date.now() - t0, error: error.message });
      log(`  FAIL  ${name}: ${error.message}`);
      try {
        await shot(`failed-${name}`);
      } catch {
        // The window may be gone.
      }
      break;
    }
  }
} finally {
  if (app) await app.stop();
  rmSync(temp, { recursive: true, force: true });
}

metrics.totalMs = Date.now() - started;
writeFileSync(join(ARTIFACTS, 'metrics.json'), `${JSON.stringify({ metrics, results }, null, 2)}\n`);
log(`\ncold start to first view: ${metrics.coldStartMs ?? '?'} ms; idle RSS: app ${metrics.idleEmpty?.appRssMiB ?? '?'} MiB + WebKit ${metrics.idleEmpty?.webkitRssMiB ?? '?'} MiB (empty), app ${metrics.idleLoaded?.appRssMiB ?? '?'} MiB + WebKit ${metrics.idleLoaded?.webkitRssMiB ?? '?'} MiB (loaded)`);
log(`screenshots and metrics: ${ARTIFACTS}`);
process.exit(failed ? 1 : 0);
