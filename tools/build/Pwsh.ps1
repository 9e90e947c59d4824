# How to start another PowerShell of the version that runs this one; dot-sourced by build.ps1 and by
# tests/TestHelpers.ps1.

function Get-PwshCommandLine {
    <#
    .SYNOPSIS
    FilePath plus the Arguments that come before PowerShell's own. Under the dotnet tool (`dotnet pwsh`)
    the launcher starts the real PowerShell as `dotnet .../pwsh.dll`, so this process's path is dotnet:
    a child is then started the same way, so the process started IS the PowerShell that runs the script
    (a signal or a kill reaches it, not a launcher that would leave it running).
    #>
    $path = (Get-Process -Id $PID).Path
    if (-not $path) { $path = 'pwsh' }
    $arguments = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') {
        $arguments = @([System.Reflection.Assembly]::GetEntryAssembly().Location)
    }

    [pscustomobject]@{ FilePath = $path; Arguments = $arguments }
}
