# Shared helpers of the Pester 5 tests (tests/*.Tests.ps1). Dot-source it in BeforeAll:
#     BeforeAll { . (Join-Path $PSScriptRoot 'TestHelpers.ps1') }
# The tests import the BUILT module (out/OssResumable, from ./build.ps1) and
# run against the emulator started with the documented command line, over real HTTP on 127.0.0.1 (or HTTPS:
# Start-TestEmulator -Https, Invoke-ModuleScript, and the child PowerShells, which trust its certificate).

$script:RepoRoot = Split-Path -Parent $PSScriptRoot
# Get-PwshCommandLine (how to start the real PowerShell of this version) and the emulator process helpers.
. (Join-Path $script:RepoRoot 'tools/build/Pwsh.ps1')
. (Join-Path $script:RepoRoot 'tools/build/Emulator.ps1')
# HTTPS: the trust bundle, the admin client, and the PowerShells that trust the emulator (Invoke-ModuleScript).
. (Join-Path $PSScriptRoot 'TlsTestHelpers.ps1')
$script:TestAccessKeyId = 'LTAI5tPesterTests'
$script:TestSecret = 'pester-secret-value-do-not-print'
$script:TestBucket = 'pester-bucket'
$script:TestRegion = 'cn-hangzhou'
$script:IsWindowsPlatform = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT

function Import-BuiltModule {
    $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
    if (-not (Test-Path $manifest)) {
        throw "The module is not built: run ./build.ps1 first; expected $manifest"
    }

    Import-Module $manifest -Force -ErrorAction Stop
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator (the built server with the documented options, free port), waits for its
    "listening:" line, and points the OSS_* environment variables at it (saving the previous values,
    which Stop-TestEmulator restores). It becomes the emulator the other helpers talk to until
    Stop-TestEmulator, which makes the one started before it current again. Returns an object with
    Endpoint, Process, DataDirectory, and with -Https also CertificatePath (the emulator's own
    certificate) and TrustBundlePath (see New-TrustBundle).

    With -Https the emulator serves TLS. This PowerShell does NOT trust its certificate (it was created
    after this process started, and .NET on Linux reads SSL_CERT_FILE once, at start), so module code
    runs where an administrator would make it trusted: Invoke-ModuleScript, Start-ChildPwsh and
    Invoke-ChildPwsh start the child PowerShell with SSL_CERT_FILE naming the trust bundle. The helpers'
    own admin calls use a client that trusts exactly this certificate (New-EmulatorAdminClient).
    Certificate validation is never switched off.
    #>
    param([string[]] $ExtraArguments = @(), [switch] $Https)

    $data = Join-Path ([System.IO.Path]::GetTempPath()) ('oss-pester-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $data
    $arguments = @('--data', $data,
        '--access-key-id', $script:TestAccessKeyId, '--access-key-secret', $script:TestSecret,
        '--bucket', $script:TestBucket, '--region', $script:TestRegion) + $ExtraArguments
    if ($Https) { $arguments += '--https' }
    $started = Start-OssEmulator -Arguments $arguments

    $emulator = [pscustomobject]@{
        Endpoint        = $started.Endpoint
        Process         = $started.Process
        DataDirectory   = $data
        Saved           = @{}
        CertificatePath = $started.CertificatePath
        TrustBundlePath = $null
        AdminClient     = $null
        ModuleRunspace  = $null
        Previous        = Get-Variable -Name Emulator -Scope Script -ValueOnly -ErrorAction SilentlyContinue
    }

    if ($started.CertificatePath) {
        try {
            Initialize-EmulatorTrust -Emulator $emulator
        }
        catch {
            Stop-OssEmulator -Process $started.Process
            throw
        }
    }

    foreach ($name in 'OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'OSS_SESSION_TOKEN', 'OSS_ENDPOINT', 'OSS_REGION',
        'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
        'ALIBABA_CLOUD_PROFILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'OSSUTIL_CONFIG_FILE', 'OSSUTIL_PROFILE') {
        $emulator.Saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    $env:OSS_ACCESS_KEY_ID = $script:TestAccessKeyId
    $env:OSS_ACCESS_KEY_SECRET = $script:TestSecret
    $env:OSS_ENDPOINT = $emulator.Endpoint
    $env:OSS_REGION = $script:TestRegion
    $script:Emulator = $emulator
    $emulator
}

function Stop-TestEmulator {
    # Tolerates $null: AfterAll runs even when BeforeAll failed before the emulator was started.
    param($Emulator)
    if (-not $Emulator) { return }

    foreach ($name in $Emulator.Saved.Keys) {
        [Environment]::SetEnvironmentVariable($name, $Emulator.Saved[$name])
    }

    if ($script:Emulator -eq $Emulator) { $script:Emulator = $Emulator.Previous }
    Clear-EmulatorTrust -Emulator $Emulator
    Stop-OssEmulator -Process $Emulator.Process

    Remove-Item $Emulator.DataDirectory -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-EmulatorAdmin {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        [string] $Body,
        [string] $ContentType = 'application/json'
    )

    $uri = $script:Emulator.Endpoint + '/_emulator/' + $Path
    if ($script:Emulator.AdminClient) {
        $https = @{ Uri = $uri; Method = $Method; ContentType = $ContentType }
        if ($PSBoundParameters.ContainsKey('Body')) { $https.Body = $Body }
        return Invoke-EmulatorHttps @https
    }

    if ($PSBoundParameters.ContainsKey('Body')) {
        $response = Invoke-RestMethod -Uri $uri -Method $Method -Body $Body -ContentType $ContentType
    }
    else {
        $response = Invoke-RestMethod -Uri $uri -Method $Method
    }

    # Windows PowerShell 5.1's Invoke-RestMethod writes a JSON array as ONE object; writing the variable
    # enumerates it, so callers get the elements on both editions.
    $response
}

function Add-EmulatorFault {
    # SPEC syntax of the emulator, e.g. 'op=UploadPart,key=a.bin,part=3,action=error,status=503,code=ServiceUnavailable'.
    param([Parameter(Mandatory)] [string] $Spec)
    Invoke-EmulatorAdmin -Path 'faults' -Method POST -Body $Spec -ContentType 'text/plain'
}

function Clear-EmulatorFault {
    Invoke-EmulatorAdmin -Path 'faults' -Method DELETE
}

function Get-EmulatorUpload {
    param([string] $Bucket = $script:TestBucket)
    @(Invoke-EmulatorAdmin -Path "uploads?bucket=$Bucket")
}

function Get-EmulatorObjectInfo {
    param([string] $Bucket = $script:TestBucket, [string] $Key)
    @(Invoke-EmulatorAdmin -Path "objects?bucket=$Bucket") | Where-Object { -not $Key -or $_.key -ceq $Key }
}

function Get-EmulatorRequestCount {
    # Total requests the emulator served (all operations), to prove that nothing was sent.
    $stats = Invoke-EmulatorAdmin -Path 'stats'
    $total = 0
    foreach ($property in $stats.requests.PSObject.Properties) { $total += [long]$property.Value }
    $total
}

function Get-EmulatorObjectHash {
    param([string] $Bucket = $script:TestBucket, [Parameter(Mandatory)] [string] $Key)
    $file = Join-Path ([System.IO.Path]::GetTempPath()) ('oss-pester-object-' + [guid]::NewGuid().ToString('N'))
    try {
        $uri = $script:Emulator.Endpoint + '/_emulator/object?bucket=' + [uri]::EscapeDataString($Bucket) + '&key=' + [uri]::EscapeDataString($Key)
        if ($script:Emulator.AdminClient) {
            $stream = Invoke-EmulatorHttps -Uri $uri -OutStream
            try { return (Get-FileHash -Algorithm SHA256 -InputStream $stream).Hash } finally { $stream.Dispose() }
        }

        Invoke-WebRequest -Uri $uri -OutFile $file -UseBasicParsing
        (Get-FileHash -Algorithm SHA256 -LiteralPath $file).Hash
    }
    finally {
        Remove-Item $file -Force -ErrorAction SilentlyContinue
    }
}

function New-TestFile {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [long] $Size,
        [int] $Seed = 1
    )

    $random = New-Object System.Random $Seed
    $buffer = New-Object byte[] ([Math]::Min($Size, 1MB))
    $stream = [System.IO.File]::Create($Path)
    try {
        $left = $Size
        while ($left -gt 0) {
            $random.NextBytes($buffer)
            $count = [int][Math]::Min($left, $buffer.Length)
            $stream.Write($buffer, 0, $count)
            $left -= $count
        }
    }
    finally {
        $stream.Dispose()
    }

    Get-Item -LiteralPath $Path
}

function Get-TestFileHash {
    param([Parameter(Mandatory)] [string] $Path)
    (Get-FileHash -Algorithm SHA256 -LiteralPath $Path).Hash
}

function New-TestKey {
    param([Parameter(Mandatory)] [string] $Name)
    'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '/' + $Name
}

function Assert-FitsConsole {
    <#
    .SYNOPSIS
    Checks a formatted table at a console width: no line is wider, nothing is cut with an ellipsis, and each
    of -Whole appears unbroken on one line (identifiers must never be cut or wrapped).
    #>
    param([Parameter(Mandatory)] [string] $Text, [int] $Width = 80, [string[]] $Whole = @())
    foreach ($line in $Text -split '\r?\n') {
        $line.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$line' must fit $Width columns"
    }

    $Text | Should -Not -Match ([regex]::Escape([string][char]0x2026)) -Because 'no column is cut'
    $Text | Should -Not -Match '\.\.\.' -Because 'no column is cut'
    foreach ($value in $Whole) { $Text | Should -BeLike "*$value*" -Because "'$value' is shown whole" }
}

function Wait-Until {
    param([Parameter(Mandatory)] [scriptblock] $Condition, [int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Condition not met within $TimeoutSeconds s: $Condition" }
        Start-Sleep -Milliseconds 50
    }
}

function ConvertTo-EncodedCommand {
    param([Parameter(Mandatory)] [string] $Script)
    [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
    Runs a script in a fresh PowerShell (same version, -NoProfile -NonInteractive) and returns its output lines.
    While the current test emulator serves HTTPS, the child trusts its certificate (Get-ChildPwshEnvironment).
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $pwsh = Get-PwshCommandLine
    # Progress records would reach the caller's stderr as CLIXML.
    $Script = "`$ProgressPreference = 'SilentlyContinue'; " + $Script
    $arguments = @($pwsh.Arguments) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', (ConvertTo-EncodedCommand $Script))
    Invoke-WithChildPwshEnvironment { & $pwsh.FilePath @arguments }
}

function Start-ChildPwsh {
    <#
    .SYNOPSIS
    Starts a script in a fresh PowerShell (same version, -NoProfile -NonInteractive) with stdout and stderr
    redirected to files, and returns the Process of the real PowerShell (see Get-PwshCommandLine), for
    Stop-ChildPwsh. While the current test emulator serves HTTPS, the child trusts its certificate
    (Get-ChildPwshEnvironment).
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [Parameter(Mandatory)] [string] $OutputPath,
        [Parameter(Mandatory)] [string] $ErrorPath
    )

    $pwsh = Get-PwshCommandLine
    # Start-Process joins the arguments with spaces: quote the one that may contain spaces (the entry assembly).
    $arguments = @($pwsh.Arguments | ForEach-Object { if ($_ -match '\s') { '"' + $_ + '"' } else { $_ } }) +
        @('-NoProfile', '-NonInteractive', '-EncodedCommand', (ConvertTo-EncodedCommand $Script))
    Invoke-WithChildPwshEnvironment {
        Start-Process -FilePath $pwsh.FilePath -ArgumentList $arguments -RedirectStandardOutput $OutputPath -RedirectStandardError $ErrorPath -PassThru
    }
}

function Assert-ChildPwshRunning {
    # For Wait-Until conditions: a child that died early fails the test at once, with what it printed.
    param([Parameter(Mandatory)] [System.Diagnostics.Process] $Process, [string[]] $OutputPath)
    if ($Process.HasExited) {
        $printed = foreach ($path in $OutputPath) { if (Test-Path -LiteralPath $path) { Get-Content -LiteralPath $path -Raw } }
        throw "The child PowerShell exited early with code $($Process.ExitCode): $printed"
    }
}

function Stop-ChildPwsh {
    <#
    .SYNOPSIS
    Ends a PowerShell started by Start-ChildPwsh, by its id: -Signal Kill (SIGKILL / TerminateProcess, a
    crash) or Interrupt (SIGINT, which pwsh's console host turns into Ctrl+C; not on Windows). Waits for it
    to exit and returns whether it did within -TimeoutSeconds.
    #>
    param(
        [Parameter(Mandatory)] [System.Diagnostics.Process] $Process,
        [ValidateSet('Kill', 'Interrupt')] [string] $Signal = 'Kill',
        [int] $TimeoutSeconds = 30
    )

    if (-not $Process.HasExited) {
        if ($Signal -eq 'Interrupt') {
            if ($script:IsWindowsPlatform) { throw 'Windows cannot send Ctrl+C to another console process.' }
            # The kill program (pwsh has no kill alias on Linux and macOS, but be explicit).
            $kill = Get-Command -Name kill -CommandType Application | Select-Object -First 1
            & $kill.Source -s INT $Process.Id
        }
        else {
            Stop-Process -Id $Process.Id -Force -ErrorAction SilentlyContinue
        }
    }

    $Process.WaitForExit($TimeoutSeconds * 1000)
}
