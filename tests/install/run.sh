#!/usr/bin/env bash
# Installs a built Scrutineer .deb into this (Debian/Ubuntu) system the way a user would, checks
# what the user gets, uninstalls it and checks the library survives. See README.md beside this.
#
#   tests/install/run.sh                       # the newest target/{release,debug}/bundle/deb/*.deb
#   tests/install/run.sh path/to/Scrutineer_0.1.0_amd64.deb
#
# Needs root (or sudo) for apt-get, and what `scripts/setup --test` installs for the window
# (Xvfb, tauri-driver, WebKitWebDriver). Refuses to run if Scrutineer is already installed, so it
# never removes an installation it did not make.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31mFAIL: %s\033[0m\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

deb=${1:-$(ls -t target/release/bundle/deb/*.deb target/debug/bundle/deb/*.deb 2>/dev/null | head -n 1 || true)}
[ -n "$deb" ] && [ -f "$deb" ] || fail "no .deb: build one with ./ui/node_modules/.bin/tauri build --bundles deb"
deb=$(realpath "$deb")
package=$(dpkg-deb -f "$deb" Package)
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "cannot read [workspace.package] version from Cargo.toml"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  fail "$package is already installed here; this test installs and removes it, so remove it first"
fi

temp=$(mktemp -d "${TMPDIR:-/tmp}/scrutineer-install-XXXXXX")
installed=0
cleanup() {
  if [ $installed -eq 1 ]; then
    echo "cleaning up: removing $package"
    as_root apt-get remove -y -qq "$package" >/dev/null 2>&1 || as_root dpkg -r "$package" >/dev/null 2>&1 || true
  fi
  rm -rf "$temp"
}
trap cleanup EXIT

say "the package: $(basename "$deb")"
deb_bytes=$(stat -c %s "$deb")
printf 'package %s %s, %s bytes (%s MiB) to download, %s KiB installed\n' "$package" "$(dpkg-deb -f "$deb" Version)" \
  "$deb_bytes" "$(awk "BEGIN { printf \"%.1f\", $deb_bytes / 1048576 }")" "$(dpkg-deb -f "$deb" Installed-Size)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
  [[ ",$depends," == *", $needed,"* || ",$depends," == *",$needed,"* ]] || fail "the package does not depend on $needed"
done
rpm=$(ls -t "$(dirname "$deb")"/../rpm/*.rpm 2>/dev/null | head -n 1 || true)
[ -n "$rpm" ] && printf 'beside it: %s, %s bytes\n' "$(basename "$rpm")" "$(stat -c %s "$rpm")"

say "install: apt-get install ./$(basename "$deb")"
started=$(date +%s)
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$temp/apt.log" 2>&1 || { cat "$temp/apt.log"; fail "apt-get install failed"; }
installed=1
echo "installed in $(( $(date +%s) - started )) s"

say "what the package put on the system"
for path in /usr/bin/scrutineer-app /usr/bin/scrutineer; do
  [ -x "$path" ] || fail "$path is not installed as a program"
done
desktop=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)
[ -n "$desktop" ] || fail "no .desktop entry: the app would not appear in the menu"
grep -q '^Exec=scrutineer-app' "$desktop" || fail "$desktop does not start scrutineer-app"
dpkg -L "$package" | grep -q '^/usr/share/icons/hicolor/.*/apps/.*\.png$' || fail "no icon in the hicolor theme"
samples=$(dpkg -L "$package" | grep '/samples/minutes/.' | grep -c '\.\(txt\|md\|html\|htm\|pdf\)$' || true)
[ "$samples" -ge 20 ] || fail "the sample minutes are not all installed ($samples files)"
echo "programs, $desktop, icons, $samples sample files: present"

say "the command line: scrutineer --version"
printed=$(/usr/bin/scrutineer --version)
echo "$printed"
[[ "$printed" == *"$version"* ]] || fail "scrutineer --version says '$printed', not the workspace version $version"

say "the command line: scrutineer import into a new library"
sample=$(dpkg -L "$package" | grep '/samples/minutes/.*\.txt$' | head -n 1)
/usr/bin/scrutineer --db "$temp/cli/library.db" import "$sample"
count=$(/usr/bin/scrutineer --db "$temp/cli/library.db" meetings --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
[ "$count" = 1 ] || fail "the CLI's library holds $count meetings after importing one file"
echo "imported $(basename "$sample"): 1 meeting in $temp/cli/library.db"

say "the app: the installed window starts under Xvfb, loads the samples, finds its data folder"
data_home="$temp/data"
library="$data_home/scrutineer/library.db"
env -u SCRUTINEER_DB E2E_APP=/usr/bin/scrutineer-app E2E_DATA_HOME="$data_home" E2E_ARTIFACTS="$ROOT/artifacts/install" \
  E2E_STEPS=welcome,samples,library,timeline,meeting,themes,settings node tests/e2e/run.mjs || fail "the installed app failed its end-to-end steps (artifacts/install/)"
[ -f "$library" ] || fail "the app did not make its library in its data folder ($library)"
count=$(/usr/bin/scrutineer --db "$library" meetings --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
[ "$count" -ge 20 ] || fail "the app's library holds $count meetings, not the 20 samples"
echo "the app's library: $library ($count meetings, read by the installed CLI)"
before=$(sha256sum "$library" "$temp/cli/library.db")

say "uninstall: apt-get remove $package"
as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >"$temp/apt-remove.log" 2>&1 || { cat "$temp/apt-remove.log"; fail "apt-get remove failed"; }
installed=0
for path in /usr/bin/scrutineer-app /usr/bin/scrutineer "$desktop"; do
  [ ! -e "$path" ] || fail "$path is still there after uninstalling"
done
[ "$(sha256sum "$library" "$temp/cli/library.db")" = "$before" ] || fail "uninstalling changed or removed a library"
echo "programs gone; both libraries left as they were"

say "passed: $(basename "$deb") installs, runs (CLI and window) and uninstalls, keeping the library"
