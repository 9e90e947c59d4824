#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and packages the OssResumable PowerShell module.

.DESCRIPTION
    Build    assembles out/OssResumable/ (manifest with the version from Directory.Build.props, the
             cmdlet assembly, format views, en-US help generated from docs/, Dependencies/ with
             OssResumable.Core, Polly and their netstandard packages for Windows PowerShell 5.1, and
             Dependencies/net8.0/ with the net8.0 engine for PowerShell 7.4+). tools/build-module.sh is the
             bash twin used by CI.
    Test     runs the module's xunit tests and the Pester tests (tests/*.Tests.ps1, Pester 5.2 or later)
             against the built module and the emulator.
    Package  zips out/OssResumable into out/OssResumable.<version>.zip.

.EXAMPLE
    ./build.ps1
    Import-Module ./out/OssResumable
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$module = Join-Path $root 'out/OssResumable'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-DotNet {
    param([Parameter(Mandatory)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    $project = Join-Path $root 'src/OssResumable.PowerShell/OssResumable.PowerShell.csproj'
    $version = (& dotnet msbuild $project -getProperty:VersionPrefix | Out-String).Trim()
    if ($version -notmatch '^\d+\.\d+\.\d+$') { throw "Cannot read VersionPrefix from Directory.Build.props (got '$version')." }
    $version
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Host "== OssResumable $version ($Configuration)"
    if (Test-Path $module) { Remove-Item $module -Recurse -Force }

    # The binary layout (cmdlets, Dependencies/ for Windows PowerShell, Dependencies/net8.0/ for PowerShell 7)
    # is defined once, in tools/OssResumable.ModuleLayout.
    Invoke-DotNet @('build', (Join-Path $root 'tools/OssResumable.ModuleLayout/OssResumable.ModuleLayout.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet', "-p:ModuleLayoutDir=$module/")
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $module 'en-US')

    $manifest = (Get-Content (Join-Path $root 'OssResumable.psd1') -Raw).Replace('{{ModuleVersion}}', $version)
    [System.IO.File]::WriteAllText((Join-Path $module 'OssResumable.psd1'), $manifest, (New-Object System.Text.UTF8Encoding $true))

    Invoke-DotNet @('run', '--project', (Join-Path $root 'tools/OssResumable.HelpGen/OssResumable.HelpGen.csproj'), '-c', $Configuration, '--',
        '--assembly', (Join-Path $module 'OssResumable.PowerShell.dll'),
        '--docs', (Join-Path $root 'docs/cmdlets'),
        '--about', (Join-Path $root 'docs/about_OssResumable.md'),
        '--out', (Join-Path $module 'en-US'))

    $required = 'OssResumable.psd1', 'OssResumable.PowerShell.dll', 'OssResumable.format.ps1xml',
        'en-US/OssResumable.PowerShell.dll-Help.xml', 'en-US/about_OssResumable.help.txt',
        'Dependencies/OssResumable.Core.dll', 'Dependencies/Polly.Core.dll',
        'Dependencies/net8.0/OssResumable.Core.dll', 'Dependencies/net8.0/Polly.Core.dll', 'Dependencies/net8.0/Microsoft.Bcl.AsyncInterfaces.dll'
    foreach ($file in $required) {
        if (-not (Test-Path (Join-Path $module $file))) { throw "The module layout is incomplete: $file is missing." }
    }

    if (Get-ChildItem (Join-Path $module 'Dependencies/net8.0') -Filter 'System.*.dll') { throw 'Dependencies/net8.0 must not carry System.* package assemblies (the runtime provides them).' }
    if (@(Get-ChildItem $module -Filter *.dll).Count -ne 1) { throw 'Only OssResumable.PowerShell.dll may sit in the module root.' }

    $null = Test-ModuleManifest (Join-Path $module 'OssResumable.psd1')
    Write-Host "== module assembled in $module"
}

function Invoke-Test {
    if (-not (Test-Path (Join-Path $module 'OssResumable.psd1'))) { Invoke-Build }
    Invoke-DotNet @('test', (Join-Path $root 'tests/OssResumable.PowerShell.Tests/OssResumable.PowerShell.Tests.csproj'), '-c', $Configuration)

    $pester = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.2.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) { throw 'Pester 5.2 or later is required: Install-Module Pester -MinimumVersion 5.2 -Scope CurrentUser' }
    Import-Module $pester
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests'
    $configuration.Run.Exit = $false
    $configuration.Run.Throw = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = Join-Path $root 'out/pester-results.xml'
    Invoke-Pester -Configuration $configuration
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $module 'OssResumable.psd1'))) { Invoke-Build }
    $version = (Import-PowerShellDataFile (Join-Path $module 'OssResumable.psd1')).ModuleVersion
    $zip = Join-Path $root "out/OssResumable.$version.zip"
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path $module -DestinationPath $zip
    Write-Host "== package $zip"
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}
