#!/usr/bin/env bash
# Makes ReadyToRun-compiled copies, for estimating what ReadyToRun would save (issue 12): nothing in the
# repository is changed. Not part of CI.
#
#   tests/bench/profile/r2r-copy.sh module OUT_DIR      copy of out/OssResumable with OssResumable.PowerShell,
#                                                       OssResumable.Core (net8.0) and Polly.Core compiled R2R
#   tests/bench/profile/r2r-copy.sh pwsh OUT_DIR        copy of the dotnet-tool PowerShell (IL only) with its
#                                                       own assemblies compiled R2R, as the installed packages ship
#
# Then: node tests/bench/pipeline.mjs --clients "pwsh,pwsh+module=OUT_DIR/OssResumable,pwsh+pwsh=OUT_DIR/pwsh.dll"
# crossgen2 comes from the NuGet package Microsoft.NETCore.App.Crossgen2.linux-x64 (restored here into
# ~/.nuget/packages by a throw-away project); its version must be the runtime's (dotnet --list-runtimes).
set -euo pipefail
what=${1:?module or pwsh}
out=$(realpath -m "${2:?output directory}")
repo=$(cd "$(dirname "$0")/../../.." && pwd)
runtime_dir=$(dirname "$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App /{v=$2; p=$3} END{gsub(/[\[\]]/,"",p); print p "/" v "/x"}')")
runtime_version=$(basename "$runtime_dir")
crossgen=~/.nuget/packages/microsoft.netcore.app.crossgen2.linux-x64/$runtime_version/tools/crossgen2
if [ ! -x "$crossgen" ]; then
  tmp=$(mktemp -d)
  cat > "$tmp/restore.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.linux-x64" Version="[$runtime_version]" /></ItemGroup>
</Project>
PROJ
  dotnet restore "$tmp/restore.csproj" >/dev/null
  rm -rf "$tmp"
fi
pwsh_dir=$(dirname "$(cd "$repo" && dotnet pwsh -NoProfile -NonInteractive -Command '[System.Reflection.Assembly]::GetEntryAssembly().Location' | tail -1)")

compile() { # DLL in place, with every assembly of the given directories as references
  local dll=$1; shift
  local refs=(-r "$runtime_dir/*.dll")
  for d in "$@"; do refs+=(-r "$d/*.dll"); done
  "$crossgen" "$dll" -o "$dll.r2r" --targetos linux --targetarch x64 -O "${refs[@]}" >/dev/null
  mv "$dll.r2r" "$dll"
  echo "R2R: $dll"
}

rm -rf "$out"
mkdir -p "$out"
case "$what" in
  module)
    cp -r "$repo/out/OssResumable" "$out/"
    m="$out/OssResumable"
    for dll in OssResumable.Core.dll Polly.Core.dll; do
      compile "$m/Dependencies/net8.0/$dll" "$m/Dependencies/net8.0"
    done
    compile "$m/OssResumable.PowerShell.dll" "$m/Dependencies/net8.0" "$pwsh_dir"
    ;;
  pwsh)
    cp -r "$pwsh_dir/." "$out/"
    for dll in System.Management.Automation.dll Microsoft.PowerShell.ConsoleHost.dll Microsoft.PowerShell.Commands.Utility.dll \
      Microsoft.PowerShell.Commands.Management.dll Microsoft.PowerShell.Security.dll pwsh.dll; do
      compile "$out/$dll" "$out"
    done
    ;;
  *) echo "unknown: $what (module or pwsh)" >&2; exit 2 ;;
esac
