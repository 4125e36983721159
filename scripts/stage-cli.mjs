#!/usr/bin/env node
// Tauri's beforeBundleCommand: puts the `scrutineer` command line where the Linux bundles pick
// it up (tauri.conf.json: bundle.linux.deb/rpm.files -> /usr/bin/scrutineer), built with the same
// profile and target as the app being bundled. The .deb and .rpm then ship both programs over
// the same core. On macOS and Windows the bundles carry the app alone, so this does nothing.
//
// Tauri runs it with TAURI_ENV_PLATFORM and TAURI_ENV_DEBUG set; run by hand
// (node scripts/stage-cli.mjs) it stages a release build for this machine. Linux packages are
// built for the machine they are built on (no --target), so outputs are under target/<profile>/.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const platform = process.env.TAURI_ENV_PLATFORM ?? process.platform;
if (platform !== 'linux') {
  console.log(`stage-cli: nothing to do on ${platform} (the CLI ships in the Linux packages only)`);
  process.exit(0);
}

const debug = process.env.TAURI_ENV_DEBUG === 'true';
const args = ['build', '-p', 'scrutineer-cli', '--locked'];
if (!debug) args.push('--release');

console.log(`stage-cli: cargo ${args.join(' ')}`);
const build = spawnSync('cargo', args, { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('stage-cli: building the scrutineer CLI failed');
  process.exit(build.status ?? 1);
}

const built = join(root, 'target', debug ? 'debug' : 'release', 'scrutineer');
if (!existsSync(built)) {
  console.error(`stage-cli: ${built} is missing after the build`);
  process.exit(1);
}
const stage = join(root, 'target', 'cli-stage');
mkdirSync(stage, { recursive: true });
copyFileSync(built, join(stage, 'scrutineer'));
console.log(`stage-cli: ${built} -> target/cli-stage/scrutineer`);
