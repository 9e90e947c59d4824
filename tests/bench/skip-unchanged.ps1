<#
.SYNOPSIS
    Re-running a batch whose files are all unchanged, against uploading it: `Get-ChildItem | Send-OssFile`
    of -Count files, then the same command with -SkipUnchanged, timed in this one PowerShell against one
    emulator. Prints both times, their ratio, and the write requests of the second run (must be 0).

.DESCRIPTION
    Run with the module built (./build.ps1):
        dotnet pwsh -NoProfile -File tests/bench/skip-unchanged.ps1 [-Count 2000] [-Size 64KB] [-Threads Auto|N] [-Link 'per-connection=8MB/s,rtt=20ms']
    -Link puts the emulator's link model between client and server (docs/emulator.md); without it the
    link is plain loopback, where uploading is as cheap as it will ever be, so the ratio is the least
    favourable to skipping. Each phase runs -Runs times (fresh keys for the uploads) and the median is
    printed. Not part of CI; the figures depend on the machine's load, printed with them.
#>
[CmdletBinding()]
param(
    [int] $Count = 2000,
    [long] $Size = 64KB,
    [int] $Runs = 3,
    # Passed to Send-OssFile -Threads as given: a number, or Auto (its default).
    [string] $Threads = 'Auto',
    [string] $Link
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot '../TestHelpers.ps1')
Import-BuiltModule
$emulator = Start-TestEmulator
$folder = Join-Path ([System.IO.Path]::GetTempPath()) ('oss-skip-bench-' + [guid]::NewGuid().ToString('N'))
try {
    if ($Link) { $null = Invoke-EmulatorAdmin -Method Put -Path 'link' -Body $Link -ContentType 'text/plain' }
    $null = New-Item -ItemType Directory -Path $folder
    $buffer = New-Object byte[] $Size
    $random = New-Object System.Random 11
    for ($i = 0; $i -lt $Count; $i++) {
        $random.NextBytes($buffer)
        [System.IO.File]::WriteAllBytes((Join-Path $folder ('f{0:00000}.bin' -f $i)), $buffer)
    }

    function Get-Writes {
        $stats = Invoke-EmulatorAdmin -Path 'stats'
        [long]$stats.requests.PutObject + [long]$stats.requests.UploadPart + [long]$stats.requests.InitiateMultipartUpload
    }

    function Measure-Send([string] $Prefix, [switch] $SkipUnchanged) {
        $writes = Get-Writes
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(Get-ChildItem -File -LiteralPath $folder | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $Prefix -Threads $Threads -SkipUnchanged:$SkipUnchanged)
        $watch.Stop()
        [pscustomobject]@{
            Seconds = $watch.Elapsed.TotalSeconds
            Files   = $results.Count
            Skipped = @($results | Where-Object Status -EQ 'Skipped').Count
            Writes  = (Get-Writes) - $writes
        }
    }

    $uploads = @(); $skips = @()
    for ($run = 1; $run -le $Runs; $run++) {
        $prefix = "bench-$run-" + [guid]::NewGuid().ToString('N').Substring(0, 6) + '/'
        $uploads += Measure-Send -Prefix $prefix
        $skips += Measure-Send -Prefix $prefix -SkipUnchanged
    }

    $median = { param($values) $sorted = @($values | Sort-Object); $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)] }
    $upload = & $median $uploads.Seconds
    $skip = & $median $skips.Seconds
    $load = if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }
    '{0} files of {1} bytes, -Threads {2}, link: {3}, {4} run(s), load average {5}' -f $Count, $Size, $Threads, ($(if ($Link) { $Link } else { 'loopback' })), $Runs, $load
    'upload:               {0,8:0.00} s  (median; runs: {1})' -f $upload, (($uploads.Seconds | ForEach-Object { $_.ToString('0.00') }) -join ', ')
    're-run -SkipUnchanged: {0,7:0.00} s  (median; runs: {1}); skipped {2} of {3}, write requests {4}' -f $skip, (($skips.Seconds | ForEach-Object { $_.ToString('0.00') }) -join ', '), $skips[-1].Skipped, $skips[-1].Files, (($skips.Writes | Measure-Object -Sum).Sum)
    'ratio re-run / upload: {0:0.00}' -f ($skip / $upload)
}
finally {
    Stop-TestEmulator -Emulator $emulator
    Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
}
