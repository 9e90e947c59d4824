# HTTPS helpers of the Pester tests, dot-sourced by tests/TestHelpers.ps1 (PowerShell 7: SocketsHttpHandler,
# ExportCertificatePem). An emulator started with Start-TestEmulator -Https serves its own certificate, which
# this PowerShell does not trust: it was created after this process started, and .NET on Linux reads
# SSL_CERT_FILE once, at start. So module code runs where an administrator would make the certificate trusted,
# a child PowerShell started with SSL_CERT_FILE naming a bundle of the system CAs plus the certificate
# (Invoke-ModuleScript, and Start-ChildPwsh / Invoke-ChildPwsh through Invoke-WithChildPwshEnvironment), and the
# helpers' own admin calls use a client that trusts exactly that certificate. Validation is never switched off.

function Initialize-EmulatorTrust {
    # For an emulator that serves HTTPS (Start-TestEmulator -Https): the trust bundle its child PowerShells get,
    # and the admin client of the helpers.
    param([Parameter(Mandatory)] $Emulator)
    $Emulator.TrustBundlePath = New-TrustBundle -CertificatePath $Emulator.CertificatePath -Path ($Emulator.DataDirectory + '.trusted.pem')
    $Emulator.AdminClient = New-EmulatorAdminClient -CertificatePath $Emulator.CertificatePath
}

function Clear-EmulatorTrust {
    # Undoes Initialize-EmulatorTrust and ends the PowerShell of Invoke-ModuleScript, if one was started.
    param([Parameter(Mandatory)] $Emulator)
    if ($Emulator.ModuleRunspace) {
        $Emulator.ModuleRunspace.Runspace.Dispose()
        $Emulator.ModuleRunspace.Process.Dispose()
        $Emulator.ModuleRunspace = $null
    }

    if ($Emulator.AdminClient) { $Emulator.AdminClient.Dispose() }
    if ($Emulator.TrustBundlePath) { Remove-Item -LiteralPath $Emulator.TrustBundlePath -Force -ErrorAction SilentlyContinue }
}

function New-TrustBundle {
    <#
    .SYNOPSIS
    Writes what an administrator gives SSL_CERT_FILE to trust a private CA on Linux: the CAs this system
    already trusts (as .NET sees them: SSL_CERT_FILE/SSL_CERT_DIR or the distribution's store), then the
    certificate. Returns the bundle's path.
    #>
    param([Parameter(Mandatory)] [string] $CertificatePath, [Parameter(Mandatory)] [string] $Path)

    # LocalMachine\Root is the system's trust store on Linux, read-only: the same CAs on every distribution,
    # without guessing where its bundle file lives.
    $store = New-Object System.Security.Cryptography.X509Certificates.X509Store ('Root', 'LocalMachine')
    $store.Open('ReadOnly')
    try {
        $pem = foreach ($certificate in $store.Certificates) { $certificate.ExportCertificatePem() }
    }
    finally {
        $store.Dispose()
    }

    $pem = @($pem) + @(Get-Content -LiteralPath $CertificatePath -Raw)
    [System.IO.File]::WriteAllText($Path, ($pem -join "`n") + "`n")
    $Path
}

function New-EmulatorAdminClient {
    <#
    .SYNOPSIS
    An HttpClient for the helpers' own calls to an HTTPS emulator (admin API, stored objects) that trusts
    exactly the emulator's certificate: full validation (chain, host name, dates) with that certificate as
    the only root, so this PowerShell's trust store (and the module in it) stays untouched.
    #>
    param([Parameter(Mandatory)] [string] $CertificatePath)

    if (-not ('System.Net.Http.SocketsHttpHandler' -as [type])) {
        throw 'The HTTPS test emulator needs PowerShell 7 (SocketsHttpHandler) for the admin calls of the tests.'
    }

    $policy = New-Object System.Security.Cryptography.X509Certificates.X509ChainPolicy
    $policy.TrustMode = [System.Security.Cryptography.X509Certificates.X509ChainTrustMode]::CustomRootTrust
    $null = $policy.CustomTrustStore.Add((New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 ($CertificatePath)))
    # A self-signed test certificate names no revocation list (OssResumable does not check revocation either).
    $policy.RevocationMode = [System.Security.Cryptography.X509Certificates.X509RevocationMode]::NoCheck
    $handler = New-Object System.Net.Http.SocketsHttpHandler
    $handler.SslOptions.CertificateChainPolicy = $policy
    $client = New-Object System.Net.Http.HttpClient ($handler)
    $client.Timeout = [TimeSpan]::FromSeconds(60)
    $client
}

function Invoke-EmulatorHttps {
    # One request to the current HTTPS emulator with its admin client: the JSON answer as objects (as
    # Invoke-RestMethod returns it), other text as is, or with -OutStream the response stream (dispose it).
    param(
        [Parameter(Mandatory)] [string] $Uri,
        [string] $Method = 'GET',
        [string] $Body,
        [string] $ContentType = 'application/json',
        [switch] $OutStream
    )

    $request = New-Object System.Net.Http.HttpRequestMessage ([System.Net.Http.HttpMethod]::new($Method), $Uri)
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Content = New-Object System.Net.Http.StringContent ($Body, [System.Text.Encoding]::UTF8, $ContentType)
    }

    $response = $script:Emulator.AdminClient.Send($request, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead)
    if (-not $response.IsSuccessStatusCode) {
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $status = [int]$response.StatusCode
        $response.Dispose()
        throw "$Method $Uri answered $($status): $text"
    }

    if ($OutStream) { return $response.Content.ReadAsStream() }
    try {
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if ($response.Content.Headers.ContentType -and $response.Content.Headers.ContentType.MediaType -like '*json') {
            $text | ConvertFrom-Json
        }
        elseif ($text) {
            $text
        }
    }
    finally {
        $response.Dispose()
    }
}

function Get-ChildPwshEnvironment {
    # What a child PowerShell gets beyond this one's environment: while the current test emulator serves
    # HTTPS, SSL_CERT_FILE naming its trust bundle, the way an administrator makes a private CA trusted on
    # Linux before starting PowerShell (.NET reads it once, at start).
    $emulator = Get-Variable -Name Emulator -Scope Script -ValueOnly -ErrorAction SilentlyContinue
    if ($emulator -and $emulator.TrustBundlePath) { @{ SSL_CERT_FILE = $emulator.TrustBundlePath } } else { @{} }
}

function Invoke-WithChildPwshEnvironment {
    # Runs the script block (which starts a child PowerShell) with Get-ChildPwshEnvironment set, then restores
    # the previous values. This process's own trust is not affected: .NET read SSL_CERT_FILE when it started.
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $environment = Get-ChildPwshEnvironment
    $saved = @{}
    foreach ($name in $environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $environment[$name])
    }

    try {
        & $ScriptBlock
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Invoke-ModuleScript {
    <#
    .SYNOPSIS
    Runs module code (a script, as text) against the current test emulator in a PowerShell that trusts it,
    with $ErrorActionPreference = 'Stop', and returns its output: what a user of that PowerShell gets.

    .DESCRIPTION
    Over HTTP that is this PowerShell: live objects. Over HTTPS this PowerShell cannot trust the emulator's
    certificate (created after it started; .NET reads SSL_CERT_FILE once, at start), so the script runs in a
    child PowerShell started with SSL_CERT_FILE naming the emulator's trust bundle, which imports the built
    module and is kept until Stop-TestEmulator (an out-of-process runspace, as Start-Job uses: one start for
    all the scripts). Its output comes back deserialized (the same properties, type names prefixed with
    "Deserialized."); an error there is thrown here with its error id and message.
    #>
    param([Parameter(Mandatory)] [string] $Script, [int] $TimeoutSeconds = 300)

    if (-not (Get-ChildPwshEnvironment).Count) {
        $ErrorActionPreference = 'Stop'
        return & ([scriptblock]::Create($Script))
    }

    $ps = [powershell]::Create()
    try {
        $ps.Runspace = Get-TrustingRunspace
        # A scope of its own, so that one script's variables do not reach the next.
        $null = $ps.AddScript("`$ErrorActionPreference = 'Stop'`n" + $Script, $true)
        $async = $ps.BeginInvoke()
        if (-not $async.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
            $ps.Stop()
            throw "The PowerShell that trusts the emulator did not finish within $TimeoutSeconds s: $Script"
        }

        try {
            $ps.EndInvoke($async)
        }
        catch {
            $failure = $_.Exception
            while ($failure.InnerException -and -not ($failure -is [System.Management.Automation.RemoteException])) { $failure = $failure.InnerException }
            $id = if ($failure -is [System.Management.Automation.RemoteException]) { $failure.ErrorRecord.FullyQualifiedErrorId }
            throw "The PowerShell that trusts the emulator failed ($id): $($failure.Message)"
        }
    }
    finally {
        $ps.Dispose()
    }
}

function Get-TrustingRunspace {
    # The child PowerShell of Invoke-ModuleScript for the current (HTTPS) emulator: started on first use with
    # Get-ChildPwshEnvironment, the built module imported; Stop-TestEmulator ends it.
    $emulator = $script:Emulator
    if (-not $emulator.ModuleRunspace) {
        $opened = Invoke-WithChildPwshEnvironment {
            # The process (the pwsh next to this one, -s -NoProfile) starts when the runspace opens, with the
            # environment as it is then.
            $process = New-Object System.Management.Automation.Runspaces.PowerShellProcessInstance ($null, $null, $null, $false)
            $runspace = [runspacefactory]::CreateOutOfProcessRunspace($null, $process)
            try {
                $runspace.Open()
            }
            catch {
                $runspace.Dispose()
                $process.Dispose()
                throw
            }

            [pscustomobject]@{ Runspace = $runspace; Process = $process }
        }

        $emulator.ModuleRunspace = $opened
        $ps = [powershell]::Create()
        try {
            $ps.Runspace = $opened.Runspace
            $null = $ps.AddScript("`$ProgressPreference = 'SilentlyContinue'").AddStatement().AddCommand('Import-Module').AddParameter('Name', (Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1')).AddParameter('ErrorAction', 'Stop')
            $null = $ps.Invoke()
        }
        finally {
            $ps.Dispose()
        }
    }

    $emulator.ModuleRunspace.Runspace
}
