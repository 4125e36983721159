// The desktop app as an attack surface, checked from its configuration.
//
// Scrutineer shows text from documents nobody vetted. If a minutes file ever smuggled markup
// into the window, the content security policy and the capabilities are what stop it from
// running script, reaching the network, or touching the file system through Tauri. This test
// reads tauri.conf.json (and any capability files) and holds them to that:
//
// - the CSP allows scripts only from the app itself: no inline script, no eval, no remote
//   origin anywhere (only Tauri's own IPC endpoints besides 'self');
// - capabilities grant the main window only the expected permissions (core defaults and the
//   open/save dialogs), never shell, file system, HTTP or process access, and never to a remote
//   URL;
// - nothing in the config switches those protections off, and the app depends on no plugin
//   that would grant such access;
// - the UI's HTML pages hold no inline script or inline event handler.
//
// Run: node --test tests/security/   (Node's built-in runner, no dependencies)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (rel) => readFileSync(join(root, rel), 'utf8');
const config = JSON.parse(read('tauri.conf.json'));
const security = config.app?.security ?? {};

// The permissions the main window may have, each with why it needs it.
const EXPECTED_PERMISSIONS = new Map([
  ['core:default', "Scrutineer's own commands and events (the core plugins' safe defaults)"],
  ['dialog:allow-open', 'the file and folder picker for imports'],
  ['dialog:allow-save', 'choosing where an export or backup is written'],
  ['core:event:allow-listen', 'progress events from imports and codebook saves, and dropped files'],
  ['core:event:allow-unlisten', 'stopping those listeners when a view closes'],
]);

// The app's own commands: build.rs turns each name in src-tauri/src/commands/names.rs into an
// `allow-<command>` permission (kebab-case), so granting one lets the window call that command
// and nothing else. Any other unprefixed permission is unexpected.
const APP_COMMAND_PERMISSIONS = new Set(
  [...read('src-tauri/src/commands/names.rs').matchAll(/^\s*"([a-z_]+)",/gm)].map(
    ([, name]) => `allow-${name.replaceAll('_', '-')}`,
  ),
);

// Permission families that must never be granted to a window showing untrusted text.
const FORBIDDEN_FAMILIES = ['shell', 'fs', 'http', 'process', 'opener', 'updater', 'sql'];

// Sources allowed in the CSP besides keywords: Tauri's IPC endpoints (local, not the network).
const LOCAL_SOURCES = new Set(['ipc:', 'http://ipc.localhost']);

/** The CSP as a map of directive -> list of sources, whether written as a string or an object. */
function cspDirectives(csp) {
  const out = new Map();
  if (typeof csp === 'string') {
    for (const part of csp.split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name) out.set(name.toLowerCase(), sources);
    }
  } else if (csp && typeof csp === 'object') {
    for (const [name, value] of Object.entries(csp)) {
      const sources = Array.isArray(value) ? value : String(value).split(/\s+/);
      out.set(name.toLowerCase(), sources.filter(Boolean));
    }
  }
  return out;
}

/** Every capability: inline in the config, and in capability files the app may add. */
function capabilities() {
  const found = [];
  for (const entry of security.capabilities ?? []) {
    found.push({ where: 'tauri.conf.json', capability: entry });
  }
  for (const dir of ['capabilities', 'src-tauri/capabilities']) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full)) {
      if (!name.endsWith('.json')) {
        assert.fail(`${dir}/${name}: capability files must be JSON so this test can read them`);
      }
      const parsed = JSON.parse(read(join(dir, name)));
      const list = Array.isArray(parsed.capabilities) ? parsed.capabilities : [parsed];
      for (const capability of list) found.push({ where: `${dir}/${name}`, capability });
    }
  }
  return found;
}

function permissionName(permission) {
  return typeof permission === 'string' ? permission : permission?.identifier;
}

/** What is wrong with a CSP, in words; empty when nothing is. */
function cspProblems(rawCsp) {
  const problems = [];
  if (!rawCsp) return ['there is no CSP: the webview would run anything'];
  const csp = cspDirectives(rawCsp);
  for (const directive of ['default-src', 'script-src', 'object-src', 'base-uri']) {
    if (!csp.has(directive)) problems.push(`the CSP must set ${directive}`);
  }
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
  if (scripts.join(' ') !== "'self'") {
    problems.push(`script-src must be 'self' alone, not ${scripts.join(' ')}`);
  }
  if ((csp.get('default-src') ?? []).join(' ') !== "'self'") {
    problems.push("default-src must be 'self'");
  }
  if ((csp.get('object-src') ?? []).join(' ') !== "'none'") {
    problems.push("object-src must be 'none'");
  }
  for (const [directive, sources] of csp) {
    for (const source of sources) {
      if (["'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'"].includes(source)) {
        problems.push(`${directive} allows ${source}`);
      }
      if (source === "'unsafe-inline'" && directive !== 'style-src') {
        // React sets inline style attributes; inline styles cannot run script, so this one
        // keyword is tolerated for styles alone.
        problems.push(`${directive} allows inline content`);
      }
      const keyword = /^'[a-z-]+'$/.test(source);
      // data: images and fonts are inert; blob:, filesystem: and wildcards are not allowed.
      const inert = source === 'data:' && ['img-src', 'font-src'].includes(directive);
      if (!(keyword || inert || LOCAL_SOURCES.has(source))) {
        problems.push(`${directive} allows ${source}: only 'self', keywords and Tauri's IPC`);
      }
    }
  }
  for (const directive of ['form-action', 'frame-src', 'base-uri']) {
    if ((csp.get(directive) ?? []).some((s) => s !== "'none'" && s !== "'self'")) {
      problems.push(`${directive} must stay within the app`);
    }
  }
  return problems;
}

/** What is wrong with a capability, in words; empty when nothing is. */
function capabilityProblems(capability, windows) {
  const problems = [];
  const id = capability.identifier ?? '(no identifier)';
  if (capability.remote !== undefined) problems.push(`${id}: a capability for remote URLs`);
  for (const window of capability.windows ?? []) {
    if (!windows.has(window) || window.includes('*')) {
      problems.push(`${id}: applies to ${window}, not a known window`);
    }
  }
  for (const permission of capability.permissions ?? []) {
    const name = permissionName(permission);
    const family = String(name).split(':')[0];
    if (FORBIDDEN_FAMILIES.includes(family)) {
      problems.push(`${id}: ${name} grants shell, file system, network or process access`);
    } else if (!EXPECTED_PERMISSIONS.has(name) && !APP_COMMAND_PERMISSIONS.has(name)) {
      problems.push(
        `${id}: unexpected permission ${name}; add it to EXPECTED_PERMISSIONS with the reason`,
      );
    }
    if (typeof permission !== 'string' && (permission.allow || permission.deny)) {
      problems.push(`${id}: ${name} must not change its scope`);
    }
  }
  return problems;
}

const windowLabels = new Set((config.app?.windows ?? []).map((w) => w.label ?? 'main'));

test('the CSP allows only the app: no inline script, no eval, no remote origin', () => {
  assert.deepEqual(cspProblems(security.csp), []);
});

test('capabilities grant only the expected permissions, to local windows', () => {
  const found = capabilities();
  assert.ok(found.length > 0, 'at least one capability is declared');
  for (const { where, capability } of found) {
    assert.deepEqual(capabilityProblems(capability, windowLabels), [], where);
  }
});

test('the checks catch a loosened policy and a widened capability', () => {
  const loose = [
    [null, 'no CSP'],
    ["default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'", 'inline'],
    ["default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'", 'eval'],
    ["default-src 'self' https://cdn.example.org; script-src 'self'; object-src 'none'; base-uri 'none'", 'remote'],
    ["default-src 'self'; script-src 'self'; connect-src *; object-src 'none'; base-uri 'none'", 'wildcard'],
    ["default-src 'self'; script-src 'self'; img-src blob:; object-src 'none'; base-uri 'none'", 'blob'],
    [{ 'default-src': "'self'", 'script-src': "'self'", 'base-uri': "'none'" }, 'no object-src'],
  ];
  for (const [csp, why] of loose) {
    assert.notDeepEqual(cspProblems(csp), [], `a CSP with ${why} is caught`);
  }
  const wide = [
    { identifier: 'x', windows: ['main'], permissions: ['shell:allow-open'] },
    { identifier: 'x', windows: ['main'], permissions: ['fs:default'] },
    { identifier: 'x', windows: ['main'], permissions: ['core:default', 'clipboard:allow-read'] },
    { identifier: 'x', windows: ['main'], permissions: ['allow-run-anything'] },
    { identifier: 'x', windows: ['*'], permissions: ['core:default'] },
    { identifier: 'x', windows: ['main'], remote: { urls: ['https://*'] }, permissions: [] },
    {
      identifier: 'x',
      windows: ['main'],
      permissions: [{ identifier: 'dialog:allow-open', allow: [{ path: '**' }] }],
    },
  ];
  for (const capability of wide) {
    assert.notDeepEqual(capabilityProblems(capability, windowLabels), [], JSON.stringify(capability));
  }
});

test('the protections are not switched off elsewhere in the config', () => {
  assert.notEqual(
    security.dangerousDisableAssetCspModification,
    true,
    'Tauri must keep adding nonces and hashes to the CSP',
  );
  assert.notEqual(config.app?.withGlobalTauri, true, 'no window.__TAURI__ for any script to use');
  assert.notEqual(
    security.assetProtocol?.enable,
    true,
    'the asset protocol would serve files from disk to the webview',
  );
  assert.equal(security.dangerousRemoteDomainIpcAccess, undefined, 'no remote IPC access');
  const devUrl = config.build?.devUrl;
  if (devUrl) {
    const host = new URL(devUrl).hostname;
    assert.ok(['localhost', '127.0.0.1', '[::1]'].includes(host), `devUrl is local (${devUrl})`);
  }
  const dist = config.build?.frontendDist;
  assert.ok(
    typeof dist === 'string' && !/^[a-z]+:\/\//i.test(dist),
    `the app loads its own files, not a URL (${dist})`,
  );
  for (const window of config.app?.windows ?? []) {
    if (window.url) {
      assert.ok(!/^[a-z]+:\/\//i.test(window.url), `window ${window.label} loads a local page`);
    }
  }
  for (const name of Object.keys(config.plugins ?? {})) {
    assert.ok(
      !FORBIDDEN_FAMILIES.includes(name),
      `plugin ${name} must not be configured: it grants access untrusted text must not have`,
    );
  }
});

test('the app depends on no plugin that grants shell, file system or network access', () => {
  const cargo = read('Cargo.toml');
  const npm = JSON.parse(read('ui/package.json'));
  const npmDeps = Object.keys({ ...npm.dependencies, ...npm.devDependencies });
  for (const family of FORBIDDEN_FAMILIES) {
    assert.ok(
      !new RegExp(`tauri-plugin-${family}\\b`).test(cargo),
      `Cargo.toml must not depend on tauri-plugin-${family}`,
    );
    assert.ok(
      !npmDeps.includes(`@tauri-apps/plugin-${family}`),
      `ui/package.json must not depend on @tauri-apps/plugin-${family}`,
    );
  }
});

test('the UI pages hold no inline script or inline event handler', () => {
  const pages = ['ui/index.html'];
  const pub = join(root, 'ui/public');
  if (existsSync(pub)) {
    for (const name of readdirSync(pub)) {
      if (name.endsWith('.html')) pages.push(`ui/public/${name}`);
    }
  }
  for (const page of pages) {
    const html = read(page);
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
      assert.match(tag, /\bsrc=/i, `${page}: every script is a file (${tag})`);
    }
    const inlineBodies = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)]
      .map((m) => m[1].trim())
      .filter(Boolean);
    assert.deepEqual(inlineBodies, [], `${page}: no script is written inline`);
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${page}: no inline event handler`);
    assert.doesNotMatch(html, /javascript:/i, `${page}: no javascript: URL`);
  }
});
