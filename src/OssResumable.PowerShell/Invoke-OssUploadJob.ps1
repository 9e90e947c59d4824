<#
.SYNOPSIS
Runs an unattended upload (a scheduled task, cron, a systemd timer) whose log keeps every error and whose
exit code says whether anything failed.

.DESCRIPTION
Task Scheduler, cron and systemd drop a program's standard error, and a command that stops early (a
profile that does not exist, no credentials, a module that cannot be loaded) leaves nothing in a log
written with `*>> file`. This script, shipped in the module folder, is the wrapper you would otherwise
have to get right yourself:

- it appends to -LogPath, one timestamped line per event: START, each file's result (OK with its status
  Uploaded/Resumed/Skipped), WARNING, ERROR (non-terminating and terminating alike, including the failure
  to import the module), the command's summary, and END with the exit code;
- it loads the module from its own folder, so it runs the module it was shipped with;
- it exits 0 when every file was uploaded or skipped, 1 when anything failed (a file, the listing of
  -Path, the import, the credentials), and 2 when the log itself cannot be written (the reason then goes
  to standard error: there is nowhere else).

Secrets are never logged: the module's messages never contain them, and the script logs nothing else.

.PARAMETER LogPath
The log file (appended to; its folder is created).

.PARAMETER Threads
Parallel parts for the whole job: a number from 1 to 256, or Auto (the default, as for Send-OssFile).

.PARAMETER MaxBytesPerSecond
A bandwidth cap for the whole job (e.g. 10MB), passed to Send-OssFile; by default none.

.PARAMETER Path
Files or folders to upload; a folder contributes the files directly in it (with -Recurse, all files below
it). A file's key is -KeyPrefix plus its path below the folder given here, with '/' between folders
(Send-OssFile -RelativeTo), so /srv/dumps/2024/db.bak from -Path /srv/dumps becomes PREFIX2024/db.bak; a file
given directly gets -KeyPrefix plus its name. Two files that would get the same key (the same name in two
folders given in -Path) are not both uploaded: the second is an OssDuplicateKey error in the log.

.EXAMPLE
pwsh -NoProfile -NonInteractive -File /opt/OssResumable/Invoke-OssUploadJob.ps1 -LogPath /var/log/oss-nightly.log -Path /srv/dumps -Bucket backups -KeyPrefix sql/ -ProfileName backup -Region cn-hangzhou -SkipUnchanged
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $LogPath,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $Bucket,
    [string] $KeyPrefix,
    [switch] $Recurse,
    [string] $ProfileName,
    [string] $Region,
    [string] $Endpoint,
    # A number from 1 to 256 or Auto, as Send-OssFile takes it (Send-OssFile checks it; a bad value is logged).
    [string] $Threads = 'Auto',
    [long] $MaxBytesPerSecond,
    [string] $CheckpointDirectory,
    [switch] $SkipUnchanged,
    [switch] $NoOverwrite
)

$ErrorActionPreference = 'Continue'
$script:Failures = 0

function Write-JobLog {
    param([string] $Level, [string] $Text)
    $line = '{0} {1,-7} {2}' -f (Get-Date).ToString('yyyy-MM-dd HH:mm:ss.fff'), $Level, ($Text -replace '\s*\r?\n\s*', ' ').Trim()
    Add-Content -LiteralPath $LogPath -Value $line -Encoding UTF8 -ErrorAction Stop
}

# An error as the console shows it (its ErrorDetails message when the module gave one, e.g. "OSS refused
# the signing region ..."), then what to do, then its id.
function Format-JobError {
    param([System.Management.Automation.ErrorRecord] $Record)
    $message = if ($Record.ErrorDetails -and $Record.ErrorDetails.Message) { $Record.ErrorDetails.Message } else { $Record.Exception.Message }
    $action = if ($Record.ErrorDetails -and $Record.ErrorDetails.RecommendedAction) { ' ' + $Record.ErrorDetails.RecommendedAction } else { '' }
    '{0}{1} [{2}]' -f $message, $action, $Record.FullyQualifiedErrorId
}

function Write-JobRecord {
    param($Record)
    if ($Record -is [System.Management.Automation.ErrorRecord]) {
        $script:Failures++
        Write-JobLog 'ERROR' (Format-JobError $Record)
    }
    elseif ($Record -is [System.Management.Automation.WarningRecord]) {
        Write-JobLog 'WARNING' $Record.Message
    }
    elseif ($Record -is [System.Management.Automation.InformationRecord]) {
        Write-JobLog 'INFO' "$($Record.MessageData)"
    }
    elseif ($Record -is [System.Management.Automation.VerboseRecord] -or $Record -is [System.Management.Automation.DebugRecord]) {
        Write-JobLog 'VERBOSE' $Record.Message
    }
    elseif ($null -ne $Record.PSObject.Properties['Status'] -and $null -ne $Record.PSObject.Properties['Destination']) {
        Write-JobLog 'OK' ('{0} {1} -> {2} ({3} bytes, {4} sent, {5:0.00} s)' -f $Record.Status, $Record.LocalPath, $Record.Destination, $Record.Size, $Record.BytesSent, $Record.Duration.TotalSeconds)
    }
    else {
        Write-JobLog 'OUTPUT' ($Record | Out-String)
    }
}

try {
    $folder = Split-Path -Parent ([System.IO.Path]::GetFullPath($LogPath))
    if (-not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force -ErrorAction Stop }
    Write-JobLog 'START' ('Upload of {0} to oss://{1}/{2} by {3} (PowerShell {4})' -f ($Path -join ', '), $Bucket, $KeyPrefix, [Environment]::UserName, $PSVersionTable.PSVersion)
}
catch {
    [Console]::Error.WriteLine("Invoke-OssUploadJob: cannot write the log '$LogPath': $($_.Exception.Message)")
    exit 2
}

try {
    Import-Module (Join-Path $PSScriptRoot 'OssResumable.psd1') -ErrorAction Stop

    $send = @{ Bucket = $Bucket; Threads = $Threads; SkipUnchanged = $SkipUnchanged; NoOverwrite = $NoOverwrite; ProgressAction = 'SilentlyContinue' }
    foreach ($name in 'KeyPrefix', 'ProfileName', 'Region', 'Endpoint', 'CheckpointDirectory', 'MaxBytesPerSecond') {
        if ($PSBoundParameters.ContainsKey($name)) { $send[$name] = $PSBoundParameters[$name] }
    }

    if ($PSVersionTable.PSVersion.Major -lt 7 -or ($PSVersionTable.PSVersion.Major -eq 7 -and $PSVersionTable.PSVersion.Minor -lt 4)) { $send.Remove('ProgressAction') }

    # Every stream of the listing and of the upload goes to the log; a terminating error ends up in catch.
    & {
        & {
            foreach ($item in $Path) {
                if (Test-Path -LiteralPath $item -PathType Container) {
                    # Keys keep the folders below the one given, so two files of the same name in a tree
                    # never map to one object.
                    $root = (Resolve-Path -LiteralPath $item).ProviderPath
                    Get-ChildItem -LiteralPath $item -File -Recurse:$Recurse |
                        ForEach-Object { [pscustomobject]@{ LiteralPath = $_.FullName; RelativeTo = $root } }
                }
                else {
                    Get-ChildItem -LiteralPath $item -File
                }
            }
        } | Send-OssFile @send
    } *>&1 | ForEach-Object { Write-JobRecord $_ }
}
catch {
    $script:Failures++
    try { Write-JobLog 'ERROR' (Format-JobError $_) } catch { [Console]::Error.WriteLine($_.Exception.Message) }
}

$code = if ($script:Failures -gt 0) { 1 } else { 0 }
try { Write-JobLog 'END' ('exit code {0}: {1} error(s)' -f $code, $script:Failures) } catch { [Console]::Error.WriteLine($_.Exception.Message) }
exit $code
