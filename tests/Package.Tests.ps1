#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# The module as a package: `./build.ps1 -Task Package` packs out/OssResumable (tools/build/Package.ps1);
# PSResourceGet publishes it to a local folder repository and installs it, and a fresh pwsh imports it by
# name. Everything PSResourceGet and PowerShell keep per user (the repository list, the CurrentUser
# module folder) lives under the home directory on Linux and macOS: every PSResourceGet call runs in a
# child pwsh whose HOME and XDG_DATA_HOME point into $TestDrive, so the user's real repositories and
# module path are never touched (the last test checks that).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Get-UserPackageState {
        # What PSResourceGet and PowerShell keep for the real user: the repository list and the installed module.
        $data = Join-Path $HOME '.local/share'
        foreach ($path in (Join-Path $data 'PSResourceGet/PSResourceRepository.xml'), (Join-Path $data 'powershell/Modules/OssResumable')) {
            if (Test-Path -LiteralPath $path) { "$path $((Get-Item -LiteralPath $path).LastWriteTimeUtc.Ticks)" } else { "$path absent" }
        }
    }

    $script:ModuleRoot = Join-Path $script:RepoRoot 'out/OssResumable'
    $script:Manifest = Import-PowerShellDataFile (Join-Path $script:ModuleRoot 'OssResumable.psd1')
}

Describe 'OssResumable package' -Skip:$script:IsWindowsPlatform {
    # (Windows keeps both in %LOCALAPPDATA% and Documents, which an environment variable cannot move for a child.)
    BeforeAll {
        $script:RealUserFiles = Get-UserPackageState
        $script:FakeHome = Join-Path $TestDrive 'home'
        $script:DataHome = Join-Path $script:FakeHome '.local/share'
        $script:Repository = Join-Path $TestDrive 'repository'
        $null = New-Item -ItemType Directory -Path $script:DataHome, $script:Repository
        $script:Saved = $env:HOME, $env:XDG_DATA_HOME
        $env:HOME, $env:XDG_DATA_HOME = $script:FakeHome, $script:DataHome
        $script:Package = @(Invoke-ChildPwsh -Script (". '$script:RepoRoot/tools/build/Package.ps1'; New-ModulePackage -ModulePath '$script:ModuleRoot' -DestinationPath '$TestDrive/packages'"))[-1]
    }

    AfterAll {
        $env:HOME, $env:XDG_DATA_HOME = $script:Saved
    }

    It 'carries what the Gallery shows in its manifest' {
        $script:Manifest.Description | Should -Not -BeNullOrEmpty
        $script:Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $script:Manifest.PowerShellVersion | Should -Be '5.1'
        $script:Manifest.PrivateData.PSData.Tags | Should -Contain 'OSS'
        $script:Manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $script:Package | Should -Exist
    }

    It 'publishes to a local folder repository and installs with Install-PSResource' {
        $script = "Register-PSResourceRepository -Name OssLocal -Uri '$script:Repository' -Trusted; " +
            "Publish-PSResource -NupkgPath '$script:Package' -Repository OssLocal; " +
            "Install-PSResource -Name OssResumable -Repository OssLocal -Scope CurrentUser -TrustRepository -Version '$($script:Manifest.ModuleVersion)'; " +
            "(Get-InstalledPSResource -Name OssResumable -Scope CurrentUser).InstalledLocation"

        $output = @(Invoke-ChildPwsh -Script $script)

        Join-Path $script:Repository "OssResumable.$($script:Manifest.ModuleVersion).nupkg" | Should -Exist
        $output[-1] | Should -BeLike "$script:DataHome*"
        Join-Path $script:DataHome "powershell/Modules/OssResumable/$($script:Manifest.ModuleVersion)/Dependencies/net8.0/OssResumable.Core.dll" | Should -Exist
    }

    It 'imports by name in a fresh pwsh with its five cmdlets, help and formats' {
        $script = "Import-Module OssResumable -ErrorAction Stop; " +
            "'base=' + (Get-Module OssResumable).ModuleBase; " +
            "'cmdlets=' + (((Get-Command -Module OssResumable).Name | Sort-Object) -join ','); " +
            "'help=' + (Get-Help Send-OssFile).Synopsis; " +
            "'about=' + [bool]((Get-Help about_OssResumable | Out-String) -like '*Resumable, parallel, verified uploads*'); " +
            "'formats=' + @('OssUploadResult', 'OssMultipartUpload', 'OssUploadPart' | Where-Object { Get-FormatData -TypeName ('OssResumable.PowerShell.' + `$_) }).Count"

        $output = Invoke-ChildPwsh -Script $script

        $output | Should -Contain ('base=' + (Join-Path $script:DataHome "powershell/Modules/OssResumable/$($script:Manifest.ModuleVersion)"))
        $output | Should -Contain 'cmdlets=Get-OssMultipartUpload,Get-OssUploadCheckpoint,Get-OssUploadPart,Resume-OssUpload,Send-OssFile,Stop-OssUpload'
        ($output | Where-Object { $_ -like 'help=*' }) | Should -Not -Be 'help='
        ($output | Where-Object { $_ -like 'help=*' }) | Should -Not -BeLike 'help=Send-OssFile *'
        $output | Should -Contain 'about=True'
        $output | Should -Contain 'formats=3'
    }

    It "leaves the user's own repository list and module folder as they were" {
        Get-UserPackageState | Should -Be $script:RealUserFiles
    }
}
