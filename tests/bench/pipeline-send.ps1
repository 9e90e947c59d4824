<#
.SYNOPSIS
    The PowerShell side of tests/bench/pipeline.mjs: imports the built module and runs the pipeline a
    user runs, `Get-ChildItem -File FOLDER | Send-OssFile -Bucket B -KeyPrefix P/`, then prints one
    JSON line with the wall clock and this process's own CPU time (utime + stime from /proc/self/stat)
    at each phase, the runtime's allocation, GC and JIT counters at each phase, and its peak RSS (VmHWM).

.DESCRIPTION
    Started by the benchmark as `dotnet <pwsh.dll> -NoProfile -NonInteractive -File pipeline-send.ps1`,
    so the process measured is the real PowerShell, not the `dotnet pwsh` launcher. Endpoint, region
    and credentials come from the OSS_* environment variables, as in a scheduled task.
    -Phase Idle imports the module and uploads nothing (the start-up cost to subtract); Pipeline uploads
    every file of -Folder; -Path uploads one file (the large-file and first-upload modes).
    Not part of CI.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateSet('Idle', 'Pipeline')] [string] $Phase = 'Pipeline',
    [string] $Folder,
    [string] $Path,
    [string] $Bucket = 'bench',
    [string] $KeyPrefix = 'bench/',
    # 0: do not pass -Threads (the cmdlet's default).
    [int] $Threads = 0,
    # Count: `| Measure-Object` (nothing accumulates); Host: `| Out-Default`, the table a console user sees.
    [ValidateSet('Count', 'Host')] [string] $Sink = 'Count',
    # Files: Get-ChildItem's FileInfo objects (what users type), or the paths as strings from
    # [IO.Directory]::EnumerateFiles (nothing kept per file by the producer: shows the module's own memory).
    [ValidateSet('FileInfo', 'Paths')] [string] $Source = 'FileInfo',
    [switch] $NoProgress,
    # More Send-OssFile parameters as a JSON object, e.g. '{"NoCheckpoint":true}' (benchmark variants).
    [string] $SendParametersJson = '{}',
    [int] $ClockTicks = 100
)

$ErrorActionPreference = 'Stop'

function Get-Mark {
    # Wall clock (Unix ms, comparable with the harness's), CLOCK_MONOTONIC in ns (Stopwatch on Linux; what
    # `perf record -k mono` stamps samples with, to cut a profile to one phase) and this process's CPU seconds so far.
    $stat = [System.IO.File]::ReadAllText('/proc/self/stat')
    $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' ')
    [ordered]@{
        unixMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        monotonicNs = [long]([System.Diagnostics.Stopwatch]::GetTimestamp() * (1e9 / [System.Diagnostics.Stopwatch]::Frequency))
        cpuS = ([double]$fields[11] + [double]$fields[12]) / $ClockTicks
        # The runtime's own counters: what was allocated, collected and compiled so far (all threads).
        allocatedBytes = [GC]::GetTotalAllocatedBytes($false)
        gcCount = [GC]::CollectionCount(0)
        gen2Count = [GC]::CollectionCount(2)
        gcPauseMs = [GC]::GetTotalPauseDuration().TotalMilliseconds
        jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
        jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    }
}

function Get-StatusKiB([string] $Field) {
    $line = [System.IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_.StartsWith("${Field}:") }
    [long](($line -split '\s+')[1])
}

$marks = [ordered]@{ scriptStart = Get-Mark }
if ($NoProgress) { $ProgressPreference = 'SilentlyContinue' }
Import-Module $ModulePath
$marks.imported = Get-Mark

$sendErrors = @()
$results = $null
if ($Phase -eq 'Pipeline') {
    $parameters = @{ Bucket = $Bucket; KeyPrefix = $KeyPrefix; ErrorVariable = 'sendErrors'; ErrorAction = 'Continue' }
    if ($Threads -gt 0) { $parameters.Threads = $Threads }
    foreach ($entry in (ConvertFrom-Json $SendParametersJson -AsHashtable).GetEnumerator()) { $parameters[$entry.Key] = $entry.Value }
    if ($Sink -eq 'Count') {
        if ($Path) { $results = (Get-Item -LiteralPath $Path | Send-OssFile @parameters | Measure-Object).Count }
        elseif ($Source -eq 'Paths') { $results = ([System.IO.Directory]::EnumerateFiles($Folder) | Send-OssFile @parameters | Measure-Object).Count }
        else { $results = (Get-ChildItem -File -LiteralPath $Folder | Send-OssFile @parameters | Measure-Object).Count }
    }
    elseif ($Path) { Get-Item -LiteralPath $Path | Send-OssFile @parameters | Out-Default }
    else { Get-ChildItem -File -LiteralPath $Folder | Send-OssFile @parameters | Out-Default }
}

$marks.done = Get-Mark
$report = [ordered]@{
    marks = $marks
    results = $results
    errors = $sendErrors.Count
    firstErrors = @($sendErrors | Select-Object -First 3 | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" })
    vmHwmKiB = Get-StatusKiB 'VmHWM'
    vmRssKiB = Get-StatusKiB 'VmRSS'
}
# The last line of stdout is the report (with -Sink Host the table comes before it).
[Console]::Out.WriteLine(($report | ConvertTo-Json -Compress -Depth 4))
exit ([int]($sendErrors.Count -gt 0))
