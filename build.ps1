#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates the OssResumable PowerShell module.

.DESCRIPTION
    Build    assembles out/OssResumable/ (manifest with the version from Directory.Build.props, the
             cmdlet assembly, format views, en-US help generated from docs/, Dependencies/ with
             OssResumable.Core, Polly and their netstandard packages for Windows PowerShell 5.1, and
             Dependencies/net8.0/ with the net8.0 engine for PowerShell 7.4+, and on a linux-x64 build machine
             Dependencies/net<N>.0-linux-x64/, that set compiled ReadyToRun for .NET <N>).
    Test     builds, then runs every test suite (tools/build/TestSuites.ps1): the xunit projects of the
             solution, every tests/*.Tests.ps1 with Pester (restored from NuGet) against the built module
             and the emulator, every official-client check under tests/compat/*/ (npm ci, node --test), the
             netstandard2.0 engine in a net472 program under Mono (tools/test-netfx.sh), and the demo. Result files go to out/test-results/; the last line is "N passed, N failed,
             N skipped" over all suites, and the script exits 1 when a test failed or none ran.
    Package  builds, then packs out/OssResumable into out/packages/OssResumable.<version>.nupkg with
             PSResourceGet's Compress-PSResource: the package Install-PSResource installs.
    Demo     builds, then shows the module at work against the emulator (tools/build/Demo.ps1).

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test

.EXAMPLE
    ./build.ps1
    Import-Module ./out/OssResumable
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # With -Task Test: run only these suites (names from tools/build/TestSuites.ps1: xunit, pester, compat, netfx, demo).
    [string[]] $Suite
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$module = Join-Path $root 'out/OssResumable'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$script:Built = $false

. (Join-Path $root 'tools/build/Pwsh.ps1')

function Invoke-DotNet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    & dotnet @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-BuildProperty {
    # A property of Directory.Build.props as MSBuild evaluates it for the cmdlet project.
    param([Parameter(Mandatory)] [string] $Name)
    $project = Join-Path $root 'src/OssResumable.PowerShell/OssResumable.PowerShell.csproj'
    (& dotnet msbuild $project "-getProperty:$Name" | Out-String).Trim()
}

function Invoke-Build {
    if ($script:Built) { return }
    $version = Get-BuildProperty 'VersionPrefix'
    if ($version -notmatch '^\d+\.\d+\.\d+$') { throw "Cannot read VersionPrefix from Directory.Build.props (got '$version')." }
    Write-Host "== OssResumable $version ($Configuration)"
    if (Test-Path $module) { Remove-Item $module -Recurse -Force }

    # The binary layout (cmdlets, Dependencies/ for Windows PowerShell, Dependencies/net8.0/ for PowerShell 7)
    # is defined once, in tools/OssResumable.ModuleLayout.
    Invoke-DotNet @('build', (Join-Path $root 'tools/OssResumable.ModuleLayout/OssResumable.ModuleLayout.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet', "-p:ModuleLayoutDir=$module/")
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $module 'en-US')

    # The Gallery's links come from Directory.Build.props too; a link that is not set is left out.
    $manifest = Get-Content (Join-Path $root 'OssResumable.psd1') -Raw
    $manifest = $manifest.Replace('{{ModuleVersion}}', $version)
    foreach ($link in @(@{ Token = '{{ProjectUri}}'; Property = 'PackageProjectUrl' }, @{ Token = '{{LicenseUri}}'; Property = 'PackageLicenseUrl' })) {
        $value = Get-BuildProperty $link.Property
        $manifest = if ($value) { $manifest.Replace($link.Token, $value) } else { ($manifest -split "`n" | Where-Object { $_ -notmatch [regex]::Escape($link.Token) }) -join "`n" }
    }
    [System.IO.File]::WriteAllText((Join-Path $module 'OssResumable.psd1'), $manifest, (New-Object System.Text.UTF8Encoding $true))

    # The unattended-job script (docs/powershell.md, "Scheduled jobs") sits next to the manifest it imports.
    Copy-Item -LiteralPath (Join-Path $root 'src/OssResumable.PowerShell/Invoke-OssUploadJob.ps1') -Destination $module

    Invoke-DotNet @('run', '--project', (Join-Path $root 'tools/OssResumable.HelpGen/OssResumable.HelpGen.csproj'), '-c', $Configuration, '--',
        '--assembly', (Join-Path $module 'OssResumable.PowerShell.dll'),
        '--docs', (Join-Path $root 'docs/cmdlets'),
        '--about', (Join-Path $root 'docs/about_OssResumable.md'),
        '--out', (Join-Path $module 'en-US'))

    $required = 'OssResumable.psd1', 'OssResumable.PowerShell.dll', 'OssResumable.format.ps1xml', 'Invoke-OssUploadJob.ps1',
        'en-US/OssResumable.PowerShell.dll-Help.xml', 'en-US/about_OssResumable.help.txt',
        'Dependencies/OssResumable.Core.dll', 'Dependencies/Polly.Core.dll',
        'Dependencies/net8.0/OssResumable.Core.dll', 'Dependencies/net8.0/Polly.Core.dll', 'Dependencies/net8.0/Microsoft.Bcl.AsyncInterfaces.dll'
    foreach ($file in $required) {
        if (-not (Test-Path (Join-Path $module $file))) { throw "The module layout is incomplete: $file is missing." }
    }

    if (Get-ChildItem (Join-Path $module 'Dependencies/net8.0') -Filter 'System.*.dll') { throw 'Dependencies/net8.0 must not carry System.* package assemblies (the runtime provides them).' }
    if (@(Get-ChildItem $module -Filter *.dll).Count -ne 1) { throw 'Only OssResumable.PowerShell.dll may sit in the module root.' }
    if ((Get-Content (Join-Path $module 'OssResumable.psd1') -Raw) -match '\{\{') { throw 'A {{token}} of the manifest was not filled in.' }

    $null = Test-ModuleManifest (Join-Path $module 'OssResumable.psd1')
    Write-Host "== module assembled in $module"
    $script:Built = $true
}

function Invoke-Test {
    Invoke-Build
    . (Join-Path $root 'tools/build/TestSuites.ps1')
    $selected = if ($Suite) { $Suite } else { @($TestSuites.Keys) }
    $unknown = @($selected | Where-Object { -not $TestSuites.Contains($_) })
    if ($unknown) { throw "Unknown test suite(s): $($unknown -join ', '). Known: $(@($TestSuites.Keys) -join ', ')." }
    $resultsRoot = Join-Path $root 'out/test-results'
    if (Test-Path $resultsRoot) { Remove-Item $resultsRoot -Recurse -Force }

    $counts = New-Object System.Collections.Generic.List[object]
    foreach ($name in $selected) {
        Write-Host "== test suite: $name"
        try {
            foreach ($count in @(& $TestSuites[$name])) {
                # Console output of the runners is not a result; only counts read from result files are.
                if ($count -is [pscustomobject] -and $count.PSObject.Properties['Passed']) { $counts.Add($count) }
            }
        }
        catch {
            Write-Host "!! suite $name could not run: $_"
            $counts.Add([pscustomobject]@{ Name = "$name (could not run)"; Passed = 0; Failed = 1; Skipped = 0 })
        }
    }

    Write-Host '== results'
    foreach ($count in $counts) { Write-Host ("   {0}: {1} passed, {2} failed, {3} skipped" -f $count.Name, $count.Passed, $count.Failed, $count.Skipped) }
    $passed = ($counts | Measure-Object -Property Passed -Sum).Sum
    $failed = ($counts | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($counts | Measure-Object -Property Skipped -Sum).Sum
    if ($passed + $failed -eq 0) { Write-Host '!! no test ran' }
    # The closing line CI reads.
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { $script:ExitCode = 1 }
}

function Invoke-Package {
    Invoke-Build
    . (Join-Path $root 'tools/build/Package.ps1')
    $package = New-ModulePackage -ModulePath $module -DestinationPath (Join-Path $root 'out/packages')
    Write-Host "== package $package"
}

function Invoke-Demo {
    Invoke-Build
    $pwsh = Get-PwshCommandLine
    & $pwsh.FilePath @($pwsh.Arguments) -NoProfile -File (Join-Path $root 'tools/build/Demo.ps1') -ModulePath $module
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

$script:ExitCode = 0
foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
    }
}
exit $script:ExitCode
