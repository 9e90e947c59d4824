# Runs the Pester suite in a PowerShell of its own (started by tools/build/TestSuites.ps1): every
# *.Tests.ps1 under -TestPath, with the Pester module at -PesterPath (restored from NuGet), writing the
# NUnit report to -ResultPath and, next to it, failed-blocks.txt: the setup blocks and files that failed
# outside any test (their tests may not appear in the report as failures).
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath
$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $configuration

$outside = @($result.FailedContainers | ForEach-Object { "file $($_.Item)" }) + @($result.FailedBlocks | ForEach-Object { "block $($_.ExpandedPath)" })
Set-Content -LiteralPath (Join-Path (Split-Path $ResultPath) 'failed-blocks.txt') -Value $outside
if ($result.Result -ne 'Passed') { exit 1 }
