#!/usr/bin/env bash
# Assembles the PowerShell module into out/OssResumable/ - the bash twin of `./build.ps1 -Task Build`
# (CI has no PowerShell; this proves the layout assembles). Layout:
#   out/OssResumable/OssResumable.psd1              manifest, ModuleVersion from Directory.Build.props
#   out/OssResumable/OssResumable.PowerShell.dll    the cmdlets (the only assembly PowerShell loads itself)
#   out/OssResumable/OssResumable.format.ps1xml     table views
#   out/OssResumable/en-US/                         MAML help + about_OssResumable.help.txt
#   out/OssResumable/Dependencies/                  OssResumable.Core, Polly and their netstandard packages
#                                                   (Windows PowerShell 5.1)
#   out/OssResumable/Dependencies/net8.0/           the net8.0 engine, Polly and the IAsyncEnumerable facade
#                                                   (PowerShell 7.4+)
# The binary layout is defined once, in tools/OssResumable.ModuleLayout; the module resolves its
# dependencies itself (src/OssResumable.PowerShell/Hosting/).
# Usage: tools/build-module.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${1:-Release}
module="$root/out/OssResumable"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=$(dotnet msbuild src/OssResumable.PowerShell/OssResumable.PowerShell.csproj -getProperty:VersionPrefix | tr -d '[:space:]')
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "build-module: cannot read VersionPrefix from Directory.Build.props (got '$version')" >&2
  exit 1
fi
echo "== OssResumable $version ($configuration)"

rm -rf "$module"
dotnet build tools/OssResumable.ModuleLayout/OssResumable.ModuleLayout.csproj -c "$configuration" --nologo -v quiet "-p:ModuleLayoutDir=$module/"
mkdir -p "$module/en-US"
sed "s/{{ModuleVersion}}/$version/" OssResumable.psd1 > "$module/OssResumable.psd1"

dotnet run --project tools/OssResumable.HelpGen/OssResumable.HelpGen.csproj -c "$configuration" -- \
  --assembly "$module/OssResumable.PowerShell.dll" --docs docs/cmdlets --about docs/about_OssResumable.md --out "$module/en-US"

# The layout is the contract with the resolver and the manifest: check it.
required=(OssResumable.psd1 OssResumable.PowerShell.dll OssResumable.format.ps1xml
          en-US/OssResumable.PowerShell.dll-Help.xml en-US/about_OssResumable.help.txt
          Dependencies/OssResumable.Core.dll Dependencies/Polly.Core.dll
          Dependencies/net8.0/OssResumable.Core.dll Dependencies/net8.0/Polly.Core.dll
          Dependencies/net8.0/Microsoft.Bcl.AsyncInterfaces.dll)
for file in "${required[@]}"; do
  if [ ! -s "$module/$file" ]; then
    echo "build-module: missing $file" >&2
    exit 1
  fi
done
# On .NET 8 the runtime provides System.*: a netstandard package copy in net8.0/ would shadow it.
if ls "$module/Dependencies/net8.0" | grep -q '^System\.'; then
  echo "build-module: Dependencies/net8.0 must not carry System.* package assemblies" >&2
  exit 1
fi
if ls "$module"/*.dll | grep -v '/OssResumable.PowerShell.dll$' > /dev/null; then
  echo "build-module: only OssResumable.PowerShell.dll may sit in the module root" >&2
  exit 1
fi
if grep -q '{{ModuleVersion}}' "$module/OssResumable.psd1"; then
  echo "build-module: ModuleVersion was not filled in" >&2
  exit 1
fi
echo "== module assembled in out/OssResumable ($(ls "$module/Dependencies"/*.dll | wc -l) netstandard2.0 and $(ls "$module/Dependencies/net8.0"/*.dll | wc -l) net8.0 dependencies)"
