#!/usr/bin/env bash
# Assembles the PowerShell module into out/OssResumable/ — the bash twin of `./build.ps1 -Task Build`
# (CI has no PowerShell; this proves the layout assembles). Layout:
#   out/OssResumable/OssResumable.psd1              manifest, ModuleVersion from Directory.Build.props
#   out/OssResumable/OssResumable.PowerShell.dll    the cmdlets (the only assembly PowerShell loads itself)
#   out/OssResumable/OssResumable.format.ps1xml     table views
#   out/OssResumable/en-US/                         MAML help + about_OssResumable.help.txt
#   out/OssResumable/Dependencies/                  OssResumable.Core, Polly and their netstandard packages,
#                                                   resolved by the module itself (Hosting/DependencyResolver.cs)
# Usage: tools/build-module.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${1:-Release}
module="$root/out/OssResumable"
publish="$root/out/obj/publish"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=$(dotnet msbuild src/OssResumable.PowerShell/OssResumable.PowerShell.csproj -getProperty:VersionPrefix | tr -d '[:space:]')
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "build-module: cannot read VersionPrefix from Directory.Build.props (got '$version')" >&2
  exit 1
fi
echo "== OssResumable $version ($configuration)"

rm -rf "$module" "$publish"
mkdir -p "$module/Dependencies" "$module/en-US"
dotnet publish src/OssResumable.PowerShell/OssResumable.PowerShell.csproj -c "$configuration" -o "$publish" --nologo -v quiet

cp "$publish/OssResumable.PowerShell.dll" "$module/"
cp "$publish/OssResumable.format.ps1xml" "$module/"
for dll in "$publish"/*.dll; do
  name=$(basename "$dll")
  case "$name" in
    OssResumable.PowerShell.dll) ;;
    System.Management.Automation.dll) echo "build-module: the PowerShell reference assembly must not ship" >&2; exit 1 ;;
    *) cp "$dll" "$module/Dependencies/" ;;
  esac
done
sed "s/{{ModuleVersion}}/$version/" OssResumable.psd1 > "$module/OssResumable.psd1"

dotnet run --project tools/OssResumable.HelpGen/OssResumable.HelpGen.csproj -c "$configuration" -- \
  --assembly "$module/OssResumable.PowerShell.dll" --docs docs/cmdlets --about docs/about_OssResumable.md --out "$module/en-US"

# The layout is the contract with the resolver and the manifest: check it.
required=(OssResumable.psd1 OssResumable.PowerShell.dll OssResumable.format.ps1xml
          en-US/OssResumable.PowerShell.dll-Help.xml en-US/about_OssResumable.help.txt
          Dependencies/OssResumable.Core.dll Dependencies/Polly.Core.dll)
for file in "${required[@]}"; do
  if [ ! -s "$module/$file" ]; then
    echo "build-module: missing $file" >&2
    exit 1
  fi
done
if ls "$module"/*.dll | grep -v '/OssResumable.PowerShell.dll$' > /dev/null; then
  echo "build-module: only OssResumable.PowerShell.dll may sit in the module root" >&2
  exit 1
fi
if grep -q '{{ModuleVersion}}' "$module/OssResumable.psd1"; then
  echo "build-module: ModuleVersion was not filled in" >&2
  exit 1
fi
echo "== module assembled in out/OssResumable ($(ls "$module/Dependencies" | wc -l) dependencies)"
