# The module at work, end to end, against the emulator: `dotnet pwsh ./build.ps1 -Task Demo` (which builds
# first) runs this in a fresh pwsh. Everything lives in a temporary folder that is deleted at the end, and
# the emulator is stopped at the end, also when a step fails. A step that does not do what it shows
# throws, so the Test task's demo suite fails: the demo is also a test.
param(
    # The built module folder (out/OssResumable).
    [Parameter(Mandatory)] [string] $ModulePath,

    # Size of the large file in MiB (it goes up as parts of 8 MiB).
    [int] $LargeFileMiB = 48
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
. (Join-Path $PSScriptRoot 'Emulator.ps1')

function Write-Step {
    param([Parameter(Mandatory)] [string] $Text)
    Write-Host ''
    Write-Host "### $Text" -ForegroundColor Cyan
}

function Assert-Demo {
    param([Parameter(Mandatory)] [bool] $Condition, [Parameter(Mandatory)] [string] $What)
    if (-not $Condition) { throw "Demo check failed: $What" }
}

function New-DemoFile {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [long] $Size, [int] $Seed)
    $random = New-Object System.Random $Seed
    $buffer = New-Object byte[] ([Math]::Min($Size, 1MB))
    $stream = [System.IO.File]::Create($Path)
    try {
        for ($left = $Size; $left -gt 0; $left -= $count) {
            $random.NextBytes($buffer)
            $count = [int][Math]::Min($left, $buffer.Length)
            $stream.Write($buffer, 0, $count)
        }
    }
    finally {
        $stream.Dispose()
    }
}

$work = Join-Path ([System.IO.Path]::GetTempPath()) ('ossresumable-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$emulator = $null
try {
    Write-Step "Start the OSS emulator (data in $work/emulator)"
    $null = New-Item -ItemType Directory -Path (Join-Path $work 'emulator'), (Join-Path $work 'files'), (Join-Path $work 'checkpoints')
    $emulator = Start-OssEmulator -Arguments @('--data', (Join-Path $work 'emulator'), '--access-key-id', 'demo-ak',
        '--access-key-secret', 'demo-secret-not-real', '--bucket', 'demo-bucket', '--region', 'cn-hangzhou')
    Write-Host "listening on $($emulator.Endpoint)"

    # Credentials and endpoint as a scheduled task would have them: environment variables, nothing on the command line.
    $env:OSS_ACCESS_KEY_ID = 'demo-ak'
    $env:OSS_ACCESS_KEY_SECRET = 'demo-secret-not-real'
    $env:OSS_ENDPOINT = $emulator.Endpoint
    $env:OSS_REGION = 'cn-hangzhou'
    Import-Module (Join-Path $ModulePath 'OssResumable.psd1')
    $checkpoints = Join-Path $work 'checkpoints'

    Write-Step "A folder of small files and one large file ($LargeFileMiB MiB)"
    $files = Join-Path $work 'files'
    foreach ($i in 1..12) { New-DemoFile -Path (Join-Path $files ('report-{0:00}.csv' -f $i)) -Size (20KB * $i) -Seed $i }
    New-DemoFile -Path (Join-Path $files 'database.bak') -Size ($LargeFileMiB * 1MB) -Seed 99
    Get-ChildItem $files | Format-Table Name, Length -AutoSize | Out-Host

    Write-Step 'Get-ChildItem | Send-OssFile -Bucket demo-bucket -KeyPrefix backup/ -Threads 4'
    $results = @(Get-ChildItem $files -File | Send-OssFile -Bucket demo-bucket -KeyPrefix backup/ -Threads 4 -CheckpointDirectory $checkpoints)
    $results | Out-Host
    Assert-Demo ($results.Count -eq 13) "13 results (got $($results.Count))"
    Assert-Demo (@($results | Where-Object Multipart).Count -eq 1) 'the large file went as a multipart upload'

    Write-Step 'One result in full (Format-List)'
    $results | Where-Object Multipart | Format-List | Out-Host

    Write-Step 'An upload interrupted by a failing network (the emulator refuses part 4 from now on)'
    $big = Join-Path $files 'database.bak'
    $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Endpoint)/_emulator/faults" -ContentType 'text/plain' `
        -Body 'op=UploadPart,key=nightly/database.bak,part=4,action=error,status=503,code=ServiceUnavailable,times=*'
    $null = Send-OssFile -LiteralPath $big -Bucket demo-bucket -Key nightly/database.bak -Threads 1 -MaxRetries 0 -CheckpointDirectory $checkpoints -ErrorVariable failed -ErrorAction SilentlyContinue
    Assert-Demo ($failed.Count -eq 1) 'the upload failed once'
    Write-Host "Error: $($failed[0].Exception.Message)" -ForegroundColor Yellow
    Write-Host "What to do: $($failed[0].ErrorDetails.RecommendedAction)" -ForegroundColor Yellow
    $null = Invoke-RestMethod -Method Delete -Uri "$($emulator.Endpoint)/_emulator/faults"

    Write-Step 'Get-OssMultipartUpload -Bucket demo-bucket: what is left unfinished on OSS'
    $unfinished = @(Get-OssMultipartUpload -Bucket demo-bucket)
    $unfinished | Out-Host
    Assert-Demo ($unfinished.Count -eq 1) "one unfinished upload (got $($unfinished.Count))"

    Write-Step 'Get-OssMultipartUpload | Get-OssUploadPart: the parts OSS already holds'
    $parts = @($unfinished | Get-OssUploadPart)
    $parts | Out-Host
    Assert-Demo ($parts.Count -ge 3) "at least 3 parts stored (got $($parts.Count))"

    Write-Step 'Get-ChildItem *.checkpoint.json | Resume-OssUpload: finish it, sending only what is missing'
    $resumed = Get-ChildItem $checkpoints -Filter *.checkpoint.json | Resume-OssUpload
    $resumed | Format-List Destination, Size, Resumed, BytesReused, BytesSent, PartCount, Crc64, Duration | Out-Host
    Assert-Demo ($resumed.Resumed -and $resumed.BytesReused -ge 3 * 8MB) 'the upload resumed and reused the stored parts'
    Assert-Demo (@(Get-OssMultipartUpload -Bucket demo-bucket).Count -eq 0) 'nothing is left unfinished'
    Assert-Demo (@(Get-ChildItem $checkpoints -Filter *.checkpoint.json).Count -eq 0) 'no checkpoint is left behind'

    Write-Host ''
    Write-Host 'Demo finished: 14 objects uploaded, one after an interruption, every one verified by CRC-64.' -ForegroundColor Green
}
finally {
    if ($emulator) {
        Stop-OssEmulator -Process $emulator.Process
        Write-Host "emulator stopped"
    }

    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
