#!/usr/bin/env bash
# The .NET Framework proxy run (issue 9; docs/testing.md, "The .NET Framework proxy run"): the
# engine's netstandard2.0 build, as Windows PowerShell 5.1 loads it, inside a net472 program
# (tests/OssResumable.NetFxProxy) run by Debian's Mono against the emulator. Prints TAP and the line
# "N passed, N failed"; exits 0 only when every check passed (1: a check failed, 2: Mono missing).
# With CI=true (or OSSR_INSTALL_MONO=1) it installs what is missing with apt-get.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${CONFIGURATION:-Release}
out="$root/artifacts/netfx"
mkdir -p "$out"

# The smallest Mono this run needs: the runtime, and the three class libraries the engine and its
# dependencies load beyond it (System.Net.Http; System.Xml.Linq for OSS's XML;
# System.ComponentModel.DataAnnotations for Polly). Plus the facade assemblies (netstandard.dll...),
# which Debian ships only in mono-devel, a package that pulls about 150 others (compilers, WinForms,
# NUnit): its .deb is downloaded with apt-get and only usr/lib/mono/4.5/Facades is unpacked, into
# artifacts/; nothing else of it is installed.
packages="mono-runtime libmono-system-net-http4.0-cil libmono-system-xml-linq4.0-cil libmono-system-componentmodel-dataannotations4.0-cil"
local_facades="$root/artifacts/mono-facades/usr/lib/mono/4.5/Facades"
facades=/usr/lib/mono/4.5/Facades
[ -f "$facades/netstandard.dll" ] || facades=$local_facades

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done

if [ -n "$missing" ] || [ ! -f "$facades/netstandard.dll" ]; then
  if [ "${CI:-}" != true ] && [ "${OSSR_INSTALL_MONO:-}" != 1 ]; then
    echo "Mono is not ready (missing packages:${missing:- none}; facades: $facades)." >&2
    echo "Run with CI=true or OSSR_INSTALL_MONO=1 to install it with apt-get (root)." >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  echo "== installing Mono:${missing:- (facades only)}"
  apt-get update -qq >/dev/null || { echo "!! apt-get update failed" >&2; exit 2; }
  if [ -n "$missing" ] && ! apt-get install -y -qq --no-install-recommends $missing >"$out/apt.log" 2>&1; then
    cat "$out/apt.log" >&2
    echo "!! apt-get install failed" >&2
    exit 2
  fi
  if [ ! -f "$facades/netstandard.dll" ]; then
    version=$(dpkg-query -W -f='${Version}' mono-runtime)
    scratch=$(mktemp -d)
    if ! (cd "$scratch" && apt-get download -qq "mono-devel=$version" >/dev/null 2>&1); then
      rm -rf "$scratch"
      echo "!! apt-get download mono-devel=$version failed" >&2
      exit 2
    fi
    dpkg-deb -x "$scratch"/mono-devel_*.deb "$scratch/unpacked"
    rm -rf "$local_facades"
    mkdir -p "$(dirname "$local_facades")"
    cp -r "$scratch/unpacked/usr/lib/mono/4.5/Facades" "$local_facades"
    rm -rf "$scratch"
    facades=$local_facades
  fi
fi

echo "== building the emulator and the net472 proxy ($configuration)"
if ! dotnet build src/OssResumable.Emulator -c "$configuration" -nologo -v q >"$out/build.log" 2>&1 \
  || ! dotnet build tests/OssResumable.NetFxProxy -c "$configuration" -nologo -v q >>"$out/build.log" 2>&1; then
  cat "$out/build.log"
  echo "!! build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== mono $(mono --version | head -n 1 | sed 's/Mono JIT compiler version //')"
MONO_PATH="$facades" mono "tests/OssResumable.NetFxProxy/bin/$configuration/net472/OssResumable.NetFxProxy.exe" run \
  --dotnet "$(command -v dotnet)" \
  --emulator-dll "src/OssResumable.Emulator/bin/$configuration/net10.0/OssResumable.Emulator.dll" | tee "$out/netfx.tap"
status=${PIPESTATUS[0]}
if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$out/netfx.tap"; then
  # The program died before its summary (e.g. an assembly Mono could not load).
  echo "0 passed, 1 failed"
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
