# The test suites of `./build.ps1 -Task Test`, dot-sourced by build.ps1 (which defines $root, $module,
# $Configuration and Invoke-DotNet). Every suite is one entry of $TestSuites: a name and a script block
# that runs the suite, writes its result files under out/test-results/<name>/ and returns one or more
# counts from New-SuiteCount, read from those result files (TRX, NUnit XML, TAP), never from console
# text. A suite that cannot run at all (a restore failed, a runner crashed without results) throws; the
# Test task records that as a failure of the suite and goes on with the others.
#
# To add a suite: write a function that returns New-SuiteCount objects and add it to $TestSuites.

$script:TestResults = Join-Path $root 'out/test-results'

function New-SuiteCount {
    param(
        [Parameter(Mandatory)] [string] $Name,
        [int] $Passed,
        [int] $Failed,
        [int] $Skipped
    )

    [pscustomobject]@{ Name = $Name; Passed = $Passed; Failed = $Failed; Skipped = $Skipped }
}

function Get-TrxCount {
    # One TRX per test assembly: ResultSummary/Counters has the totals of that run.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Name)
    $trx = [xml](Get-Content -LiteralPath $Path -Raw)
    $counters = $trx.TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    $skipped = [int]$counters.notExecuted + [int]$counters.notRunnable
    New-SuiteCount -Name $Name -Passed ([int]$counters.passed) -Failed $failed -Skipped $skipped
}

function Get-NUnitCount {
    # Pester's NUnit 2.5 report: one test-case element per test, its result attribute says how it ended.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Name)
    $report = [xml](Get-Content -LiteralPath $Path -Raw)
    $cases = @($report.SelectNodes('//test-case'))
    $passed = @($cases | Where-Object { $_.result -eq 'Success' }).Count
    $failed = @($cases | Where-Object { $_.result -in 'Failure', 'Error' }).Count
    New-SuiteCount -Name $Name -Passed $passed -Failed $failed -Skipped ($cases.Count - $passed - $failed)
}

function Get-TapCount {
    # node --test's TAP reporter ends with "# pass N", "# fail N", "# cancelled N", "# skipped N", "# todo N".
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Name)
    $totals = @{}
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^# (?<what>pass|fail|cancelled|skipped|todo) (?<count>\d+)$') { $totals[$Matches.what] = [int]$Matches.count }
    }

    if (-not $totals.ContainsKey('pass')) { throw "$Path has no '# pass N' summary: the runner did not finish." }
    New-SuiteCount -Name $Name -Passed $totals['pass'] -Failed ($totals['fail'] + $totals['cancelled']) -Skipped ($totals['skipped'] + $totals['todo'])
}

function Invoke-XunitSuite {
    # Every xunit project of the solution (*.Tests): engine, emulator, integration (crash test included) and
    # module. The solution is built once; each project then writes its own TRX file (one `dotnet test` over
    # the solution names its files by the second, so two assemblies finishing together would share one).
    $results = Join-Path $script:TestResults 'xunit'
    $solution = Join-Path $root 'OssResumable.sln'
    Invoke-DotNet @('build', $solution, '-c', $Configuration, '--nologo', '-v', 'quiet')
    $projects = @(& dotnet sln $solution list | Where-Object { $_ -match '\.Tests\.csproj$' })
    if ($projects.Count -eq 0) { throw 'The solution lists no *.Tests project.' }
    foreach ($project in $projects) {
        $name = [System.IO.Path]::GetFileNameWithoutExtension($project)
        $trx = Join-Path $results "$name.trx"
        & dotnet test (Join-Path $root $project) -c $Configuration --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory $results | Out-Host
        $exitCode = $LASTEXITCODE
        if (-not (Test-Path -LiteralPath $trx)) { New-SuiteCount -Name "xunit $name (no TRX, exit code $exitCode)" -Failed 1; continue }
        Get-TrxCount -Path $trx -Name "xunit $name"
    }
}

function Get-PesterModulePath {
    # Pester comes from NuGet (tools/OssResumable.TestTools restores it), not from the PowerShell Gallery.
    $project = Join-Path $root 'tools/OssResumable.TestTools/OssResumable.TestTools.csproj'
    Invoke-DotNet @('restore', $project, '--nologo', '-v', 'quiet')
    $properties = (& dotnet msbuild $project -getProperty:PesterVersion -getProperty:NuGetPackageRoot | Out-String) | ConvertFrom-Json
    $path = Join-Path $properties.Properties.NuGetPackageRoot "pester/$($properties.Properties.PesterVersion)/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester was restored but $path does not exist." }
    $path
}

function Invoke-PesterSuite {
    # Every tests/*.Tests.ps1 against the built module and the emulator, in a PowerShell of its own so the
    # module and Pester are never loaded into the build's session.
    $results = Join-Path $script:TestResults 'pester'
    $null = New-Item -ItemType Directory -Force -Path $results
    $report = Join-Path $results 'pester.xml'
    $runner = Join-Path $PSScriptRoot 'RunPester.ps1'
    $pwsh = Get-PwshCommandLine
    & $pwsh.FilePath @($pwsh.Arguments) -NoProfile -NonInteractive -File $runner -PesterPath (Get-PesterModulePath) -TestPath (Join-Path $root 'tests') -ResultPath $report | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path -LiteralPath $report)) { throw "Pester wrote no result file (exit code $exitCode)." }
    Get-NUnitCount -Path $report -Name 'pester'
    # Failures outside any test (a BeforeAll that threw, a file that does not parse) count as failures too.
    $blocks = Join-Path $results 'failed-blocks.txt'
    if (Test-Path -LiteralPath $blocks) {
        $failedBlocks = @(Get-Content -LiteralPath $blocks | Where-Object { $_ })
        if ($failedBlocks.Count -gt 0) { New-SuiteCount -Name "pester (outside tests: $($failedBlocks -join '; '))" -Failed $failedBlocks.Count }
    }
}

function Invoke-CompatSuite {
    # Every official-client check: each tests/compat/<name>/ with a package.json gets `npm ci` and
    # `node --test` (its *.test.mjs files), against the emulator built by the xunit suite's build.
    Invoke-DotNet @('build', (Join-Path $root 'src/OssResumable.Emulator/OssResumable.Emulator.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet')
    $results = Join-Path $script:TestResults 'compat'
    $null = New-Item -ItemType Directory -Force -Path $results
    foreach ($folder in Get-ChildItem -LiteralPath (Join-Path $root 'tests/compat') -Directory | Sort-Object Name) {
        if (-not (Test-Path -LiteralPath (Join-Path $folder.FullName 'package.json'))) { continue }
        $tap = Join-Path $results "$($folder.Name).tap"
        Push-Location -LiteralPath $folder.FullName
        try {
            & npm ci --no-audit --no-fund | Out-Host
            if ($LASTEXITCODE -ne 0) { New-SuiteCount -Name "compat $($folder.Name) (npm ci failed)" -Failed 1; continue }
            $env:EMULATOR_NO_BUILD = '1'
            & node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap "--test-reporter-destination=$tap" | Out-Host
            $exitCode = $LASTEXITCODE
        }
        finally {
            Remove-Item Env:EMULATOR_NO_BUILD -ErrorAction SilentlyContinue
            Pop-Location
        }

        if (-not (Test-Path -LiteralPath $tap)) { New-SuiteCount -Name "compat $($folder.Name) (no TAP, exit code $exitCode)" -Failed 1; continue }
        Get-TapCount -Path $tap -Name "compat $($folder.Name)"
    }
}

function Invoke-NetFxSuite {
    # The engine's netstandard2.0 build (what Windows PowerShell 5.1 loads) in a net472 program under
    # Mono (tools/test-netfx.sh; docs/testing.md, "The .NET Framework proxy run"). As root (CI) the
    # script may install Mono with apt-get; otherwise Mono must be installed already.
    $results = Join-Path $script:TestResults 'netfx'
    $null = New-Item -ItemType Directory -Force -Path $results
    $tap = Join-Path $root 'artifacts/netfx/netfx.tap'
    Remove-Item -LiteralPath $tap -ErrorAction SilentlyContinue
    if ((& id -u) -eq '0') { $env:OSSR_INSTALL_MONO = '1' }
    try {
        & bash (Join-Path $root 'tools/test-netfx.sh') | Out-Host
        $exitCode = $LASTEXITCODE
    }
    finally {
        Remove-Item Env:OSSR_INSTALL_MONO -ErrorAction SilentlyContinue
    }

    if (-not (Test-Path -LiteralPath $tap)) { return New-SuiteCount -Name "netfx (no TAP, exit code $exitCode)" -Failed 1 }
    Copy-Item -LiteralPath $tap -Destination $results
    $lines = Get-Content -LiteralPath $tap
    $passed = @($lines | Where-Object { $_ -match '^ok \d+' }).Count
    $failed = @($lines | Where-Object { $_ -match '^not ok \d+' }).Count
    if ($exitCode -ne 0 -and $failed -eq 0) { $failed = 1 }
    New-SuiteCount -Name 'netfx (net472 under Mono)' -Passed $passed -Failed $failed
}

function Invoke-DemoSuite {
    # The README's demo, end to end (tools/build/Demo.ps1 fails when a step does not do what it shows).
    $pwsh = Get-PwshCommandLine
    & $pwsh.FilePath @($pwsh.Arguments) -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'Demo.ps1') -ModulePath $module | Out-Host
    if ($LASTEXITCODE -eq 0) { New-SuiteCount -Name 'demo' -Passed 1 } else { New-SuiteCount -Name 'demo' -Failed 1 }
}

$script:TestSuites = [ordered]@{
    xunit  = { Invoke-XunitSuite }
    pester = { Invoke-PesterSuite }
    compat = { Invoke-CompatSuite }
    netfx  = { Invoke-NetFxSuite }
    demo   = { Invoke-DemoSuite }
}
