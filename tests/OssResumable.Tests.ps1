#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of the module as a whole: manifest, help, formats and dependency isolation.
# Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:ModuleRoot = Join-Path $script:RepoRoot 'out/OssResumable'
}

Describe 'OssResumable module' {
    It 'has a valid manifest with the version of Directory.Build.props' {
        $manifest = Test-ModuleManifest (Join-Path $script:ModuleRoot 'OssResumable.psd1')
        $props = [xml](Get-Content (Join-Path $script:RepoRoot 'Directory.Build.props') -Raw)
        $version = @($props.Project.PropertyGroup | ForEach-Object { $_.VersionPrefix } | Where-Object { $_ })[0]

        $manifest.Version | Should -Be ([version]$version)
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'exports exactly the five cmdlets' {
        (Get-Command -Module OssResumable).Name | Sort-Object | Should -Be @('Get-OssMultipartUpload', 'Get-OssUploadPart', 'Resume-OssUpload', 'Send-OssFile', 'Stop-OssUpload')
        (Get-Command -Module OssResumable).CommandType | Sort-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'keeps the engine and Polly in Dependencies/, out of the module root' {
        Get-ChildItem $script:ModuleRoot -Filter *.dll | ForEach-Object Name | Should -Be 'OssResumable.PowerShell.dll'
        Join-Path $script:ModuleRoot 'Dependencies/OssResumable.Core.dll' | Should -Exist
        Join-Path $script:ModuleRoot 'Dependencies/Polly.Core.dll' | Should -Exist
    }

    It 'loads OssResumable.Core and Polly into its own load context on PowerShell 7' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        # Listing touches the engine, so Core and Polly are loaded.
        $null = Get-OssMultipartUpload -Bucket 'any-bucket' -Endpoint 'http://127.0.0.1:9' -Region cn-hangzhou -AccessKeyId a -AccessKeySecret b -ErrorAction SilentlyContinue

        $core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OssResumable.Core' }
        $core | Should -HaveCount 1
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core)
        $context.Name | Should -Be 'OssResumable'
        $context | Should -Not -Be ([System.Runtime.Loader.AssemblyLoadContext]::Default)
        $polly = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Polly.Core' -and [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'OssResumable' }
        $polly | Should -HaveCount 1
        $polly.Location | Should -BeLike (Join-Path $script:ModuleRoot 'Dependencies*')
        # PowerShell 7.4+ runs on .NET 8 or later: the net8.0 engine (hardware CRC-64, owner-only ACLs).
        $core.Location | Should -BeLike '*net8.0*OssResumable.Core.dll'
        $polly.Location | Should -BeLike '*net8.0*Polly.Core.dll'
    }

    It 'loads the netstandard2.0 engine and its packages from Dependencies/ on Windows PowerShell' -Skip:($PSVersionTable.PSEdition -ne 'Desktop') {
        $null = Get-OssMultipartUpload -Bucket 'any-bucket' -Endpoint 'http://127.0.0.1:9' -Region cn-hangzhou -AccessKeyId a -AccessKeySecret b -ErrorAction SilentlyContinue -ErrorVariable failures

        # The listing ran (and could not connect): the engine, Polly and System.Memory (whose reference to
        # System.Runtime.CompilerServices.Unsafe 4.0.4.1 only the module's resolver can answer) were loaded.
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssConnectionFailed,*'
        $dependencies = Join-Path $script:ModuleRoot 'Dependencies'
        foreach ($name in 'OssResumable.Core', 'Polly.Core') {
            $loaded = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name -and $_.Location -like "$dependencies*" }
            $loaded | Should -Not -BeNullOrEmpty -Because "$name comes from the module"
        }
    }

    It 'works next to another module that loaded a different Polly.Core into the default context' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        # A fresh process: Polly.Core from the module folder is first loaded into the default context, as
        # another module would, then OssResumable is imported and must still use its own copy.
        $manifest = Join-Path $script:ModuleRoot 'OssResumable.psd1'
        $polly = Join-Path $script:ModuleRoot 'Dependencies/Polly.Core.dll'
        $script = "`$null = [System.Reflection.Assembly]::LoadFrom('$polly'); Import-Module '$manifest'; " +
            "`$core = [AppDomain]::CurrentDomain.GetAssemblies() | ? { `$_.GetName().Name -eq 'OssResumable.Core' }; " +
            "Get-OssMultipartUpload -Bucket any-bucket -Endpoint http://127.0.0.1:9 -Region cn-hangzhou -AccessKeyId a -AccessKeySecret b -ErrorAction SilentlyContinue -ErrorVariable e; " +
            "`$e[0].FullyQualifiedErrorId"
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))

        $output = & (Get-PwshPath) -NoProfile -NonInteractive -EncodedCommand $encoded

        # The listing ran (and failed to connect), rather than failing to load the engine.
        ($output | Select-Object -Last 1) | Should -BeLike 'OssConnectionFailed,*'
    }

    It 'has help with a synopsis, a description, every parameter and examples for <_>' -ForEach @(
        'Send-OssFile', 'Resume-OssUpload', 'Get-OssMultipartUpload', 'Get-OssUploadPart', 'Stop-OssUpload'
    ) {
        $help = Get-Help $_ -Full

        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help shows the syntax ("Send-OssFile [-Path] <String[]> ...") as the synopsis.
        $help.Synopsis | Should -Not -Match ([regex]::Escape($_) + '\s')
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = 'Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable',
            'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable', 'ProgressAction'
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
            $described | Should -Not -BeNullOrEmpty -Because "-$parameter must be in the help"
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter must be described"
        }
    }

    It 'has an about_OssResumable topic' {
        $about = Get-Help about_OssResumable
        ($about | Out-String) | Should -BeLike '*Resumable, parallel, verified uploads*'
    }

    It 'formats results with human-readable sizes' {
        $type = [OssResumable.PowerShell.OssUploadResult]
        (Get-FormatData -TypeName $type.FullName) | Should -Not -BeNullOrEmpty
        (Get-FormatData -TypeName 'OssResumable.PowerShell.OssMultipartUpload') | Should -Not -BeNullOrEmpty
        (Get-FormatData -TypeName 'OssResumable.PowerShell.OssUploadPart') | Should -Not -BeNullOrEmpty
    }
}
