# Packing the built module as a .nupkg (what Install-PSResource installs); dot-sourced by build.ps1
# (-Task Package) and by tests/Package.Tests.ps1, which installs the result.

function New-ModulePackage {
    <#
    .SYNOPSIS
    Packs a built module folder into DestinationPath/OssResumable.<version>.nupkg with PSResourceGet's
    Compress-PSResource (shipped with PowerShell 7.4+), replacing an older file of that name. Returns the path.
    #>
    param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $DestinationPath)

    $version = (Import-PowerShellDataFile (Join-Path $ModulePath 'OssResumable.psd1')).ModuleVersion
    $package = Join-Path $DestinationPath "OssResumable.$version.nupkg"
    $null = New-Item -ItemType Directory -Force -Path $DestinationPath
    if (Test-Path -LiteralPath $package) { Remove-Item -LiteralPath $package -Force }
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Compress-PSResource -Path $ModulePath -DestinationPath $DestinationPath
    if (-not (Test-Path -LiteralPath $package)) { throw "Compress-PSResource did not write $package." }
    $package
}
