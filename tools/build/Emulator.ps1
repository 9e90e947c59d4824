# Starting and stopping the OSS emulator as a process; dot-sourced by tests/TestHelpers.ps1 and
# tools/build/Demo.ps1. Works on Windows PowerShell 5.1 and PowerShell 7.

function Get-EmulatorAssembly {
    # The built server (built once per session, then reused through OSSRESUMABLE_EMULATOR_DLL).
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $project = Join-Path $root 'src/OssResumable.Emulator/OssResumable.Emulator.csproj'
    if (-not $env:OSSRESUMABLE_EMULATOR_DLL -or -not (Test-Path -LiteralPath $env:OSSRESUMABLE_EMULATOR_DLL)) {
        & dotnet build $project -c Release --nologo -v quiet | Out-Null
        if ($LASTEXITCODE -ne 0) { throw 'Building the emulator failed.' }
        $dll = (& dotnet msbuild $project -getProperty:TargetPath -p:Configuration=Release | Out-String).Trim()
        if (-not (Test-Path -LiteralPath $dll)) { throw "The emulator was built but '$dll' does not exist." }
        $env:OSSRESUMABLE_EMULATOR_DLL = $dll
    }

    $env:OSSRESUMABLE_EMULATOR_DLL
}

function Start-OssEmulator {
    <#
    .SYNOPSIS
    Starts the emulator with the documented options on a free loopback port (--port 0) and waits for its
    "listening:" line. Returns Endpoint, Process (stop it with Stop-OssEmulator) and CertificatePath: with
    --https, the certificate it serves (its second line, "certificate: PATH"), otherwise $null.
    #>
    param([Parameter(Mandatory)] [string[]] $Arguments)

    # `dotnet <dll>`, not `dotnet run`: dotnet run starts the server as a child process of its own, which
    # stopping the wrapper would leave running (and holding the data directory).
    $all = @((Get-EmulatorAssembly), '--port', '0') + $Arguments
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    if ($startInfo.PSObject.Properties['ArgumentList']) {
        foreach ($argument in $all) { $startInfo.ArgumentList.Add($argument) }
    }
    else {
        # Windows PowerShell 5.1 (.NET Framework) has only the single Arguments string.
        $startInfo.Arguments = ($all | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '
    }
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($startInfo)
    # Drain stderr in the background so a chatty emulator can never block on a full pipe.
    $null = $process.StandardError.ReadToEndAsync()

    $line = Read-EmulatorLine -Process $process -What 'its listening line'
    if ($line -notmatch '^listening: (?<endpoint>https?://127\.0\.0\.1:\d+)$') {
        $process.Kill()
        throw "Unexpected first line from the emulator: '$line'"
    }

    $endpoint = $Matches.endpoint
    $certificate = $null
    if ($endpoint.StartsWith('https:')) {
        $line = Read-EmulatorLine -Process $process -What 'the path of its certificate'
        if ($line -notmatch '^certificate: (?<path>.+)$') {
            $process.Kill()
            throw "Unexpected second line from the emulator over HTTPS: '$line'"
        }

        $certificate = $Matches.path
    }

    # Keep reading stdout too, so the server can never block on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    [pscustomobject]@{ Endpoint = $endpoint; Process = $process; CertificatePath = $certificate }
}

function Read-EmulatorLine {
    # The next line the emulator prints at start-up; a server that says nothing within 60 s is killed.
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process, [Parameter(Mandatory)] [string] $What)
    $lineTask = $Process.StandardOutput.ReadLineAsync()
    if (-not $lineTask.Wait([TimeSpan]::FromSeconds(60))) {
        $Process.Kill()
        throw "The emulator did not print $What within 60 s."
    }

    $lineTask.Result
}

function Stop-OssEmulator {
    # Only the process Start-OssEmulator started, by its id.
    param([System.Diagnostics.Process] $Process)
    if ($Process -and -not $Process.HasExited) {
        Stop-Process -Id $Process.Id -Force -ErrorAction SilentlyContinue
        $null = $Process.WaitForExit(10000)
    }
}
