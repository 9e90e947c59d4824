#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of the module as a whole: manifest, help, formats and dependency isolation.
# Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:ModuleRoot = Join-Path $script:RepoRoot 'out/OssResumable'
    $script:Emu = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
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

    It 'exports exactly the six cmdlets' {
        (Get-Command -Module OssResumable).Name | Sort-Object | Should -Be @('Get-OssMultipartUpload', 'Get-OssUploadCheckpoint', 'Get-OssUploadPart', 'Resume-OssUpload', 'Send-OssFile', 'Stop-OssUpload')
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
        # PowerShell 7.4+ runs on .NET 8 or later: the net8.0 engine (hardware CRC-64, owner-only ACLs), as
        # compiled ReadyToRun for exactly this runtime and platform when the module carries that set.
        $readyToRun = Join-Path $script:ModuleRoot "Dependencies/net$([Environment]::Version.Major).0-linux-x64"
        $set = if ($IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64' -and (Test-Path -LiteralPath $readyToRun)) { $readyToRun } else { Join-Path $script:ModuleRoot 'Dependencies/net8.0' }
        $core.Location | Should -Be (Join-Path $set 'OssResumable.Core.dll')
        $polly.Location | Should -Be (Join-Path $set 'Polly.Core.dll')
    }

    It 'ships the engine and Polly ReadyToRun-compiled beside their IL set, and loads the IL set when the ReadyToRun set is absent' -Skip:(-not ($IsLinux -and [System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64')) {
        $readyToRun = Join-Path $script:ModuleRoot "Dependencies/net$([Environment]::Version.Major).0-linux-x64"
        foreach ($name in 'OssResumable.Core.dll', 'Polly.Core.dll') {
            $stream = [System.IO.File]::OpenRead((Join-Path $readyToRun $name))
            try {
                $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
                $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0 -Because "$name is compiled ReadyToRun"
                $pe.Dispose()
            }
            finally { $stream.Dispose() }
        }

        $copy = Join-Path $TestDrive 'il-only/OssResumable'
        $null = New-Item -ItemType Directory -Path (Split-Path $copy)
        Copy-Item -LiteralPath $script:ModuleRoot -Destination $copy -Recurse
        Remove-Item -LiteralPath (Join-Path $copy "Dependencies/net$([Environment]::Version.Major).0-linux-x64") -Recurse -Force
        $script = "Import-Module '$copy/OssResumable.psd1'; `$null = Get-OssMultipartUpload -Bucket 'any-bucket' -Endpoint 'http://127.0.0.1:9' -Region cn-hangzhou -AccessKeyId a -AccessKeySecret b -ErrorAction SilentlyContinue; " +
            "'engine=' + ([AppDomain]::CurrentDomain.GetAssemblies() | ? { `$_.GetName().Name -eq 'OssResumable.Core' }).Location"

        Invoke-ChildPwsh -Script $script | Should -Contain ('engine=' + (Join-Path $copy 'Dependencies/net8.0/OssResumable.Core.dll'))
    }

    It 'uploads through the netstandard2.0 engine (the Windows PowerShell 5.1 build) from Dependencies/ when Dependencies/net8.0 is absent' {
        # Windows PowerShell 5.1 cannot run here. The same engine build, its netstandard packages and the
        # module's resolver run on PowerShell 7 when the module has no Dependencies/net8.0: a copy without
        # it uploads a multipart file (spans, System.Memory, IAsyncEnumerable, JSON checkpoints) in a fresh pwsh.
        $copy = Join-Path $TestDrive 'netstandard/OssResumable'
        $null = New-Item -ItemType Directory -Path (Split-Path $copy)
        Copy-Item -LiteralPath $script:ModuleRoot -Destination $copy -Recurse
        Remove-Item -LiteralPath (Join-Path $copy 'Dependencies/net8.0') -Recurse -Force
        $file = New-TestFile -Path (Join-Path $TestDrive 'netstandard.bin') -Size 450KB -Seed 7
        $key = New-TestKey 'netstandard.bin'
        $script = "Import-Module '$copy/OssResumable.psd1'; " +
            "`$r = Send-OssFile -LiteralPath '$($file.FullName)' -Bucket '$script:TestBucket' -Key '$key' -PartSize 100KB -MultipartThreshold 100KB -CheckpointDirectory '$TestDrive/cp-netstandard'; " +
            "`$parts = @(Get-OssMultipartUpload -Bucket '$script:TestBucket' -Key '$key').Count; " +
            "`$core = [AppDomain]::CurrentDomain.GetAssemblies() | ? { `$_.GetName().Name -eq 'OssResumable.Core' }; " +
            "'engine=' + `$core.Location; 'parts=' + `$r.PartCount; 'multipart=' + `$r.Multipart; 'listed=' + `$parts"

        $output = Invoke-ChildPwsh -Script $script

        $output | Should -Contain ('engine=' + (Join-Path $copy 'Dependencies/OssResumable.Core.dll'))
        $output | Should -Contain 'parts=5'
        $output | Should -Contain 'multipart=True'
        $output | Should -Contain 'listed=0'
        Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
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
        $output = Invoke-ChildPwsh -Script $script

        # The listing ran (and failed to connect), rather than failing to load the engine.
        ($output | Select-Object -Last 1) | Should -BeLike 'OssConnectionFailed,*'
    }

    It 'has help with a synopsis, a description, every parameter and examples for <_>' -ForEach @(
        'Send-OssFile', 'Resume-OssUpload', 'Get-OssMultipartUpload', 'Get-OssUploadPart', 'Stop-OssUpload', 'Get-OssUploadCheckpoint'
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

    It 'shows the real default value of <Parameter> in the help of <Command>' -ForEach @(
        @{ Command = 'Send-OssFile'; Parameter = 'Threads'; Default = 'Auto' }
        @{ Command = 'Send-OssFile'; Parameter = 'MaxBytesPerSecond'; Default = 'no cap' }
        @{ Command = 'Send-OssFile'; Parameter = 'MaxRetries'; Default = '3' }
        @{ Command = 'Send-OssFile'; Parameter = 'PartSize'; Default = '8 MiB (grown for files over 78 GiB)' }
        @{ Command = 'Send-OssFile'; Parameter = 'MultipartThreshold'; Default = '16 MiB' }
        @{ Command = 'Send-OssFile'; Parameter = 'SkipUnchanged'; Default = 'False' }
        @{ Command = 'Resume-OssUpload'; Parameter = 'Threads'; Default = 'Auto' }
        @{ Command = 'Get-OssMultipartUpload'; Parameter = 'SignatureVersion'; Default = '4' }
    ) {
        (Get-Help $Command -Parameter $Parameter).defaultValue | Should -Be $Default
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
        (Get-FormatData -TypeName 'OssResumable.PowerShell.OssUploadCheckpoint') | Should -Not -BeNullOrEmpty
    }
}
