#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Get-OssMultipartUpload against the emulator. Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # Three unfinished uploads under a unique prefix (part 2 of each is refused).
    $script:Prefix = (New-TestKey 'x').Replace('/x', '/')
    $script:Keys = @()
    foreach ($name in 'a/one.bin', 'a/two.bin', 'b/three.bin') {
        $key = $script:Prefix + $name
        $file = New-TestFile -Path (Join-Path $TestDrive ($name -replace '/', '-')) -Size 300KB -Seed $script:Keys.Count
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=2,action=error,status=403,code=AccessDenied,times=*"
        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory (Join-Path $TestDrive 'cp') -ErrorAction SilentlyContinue
        $script:Keys += $key
    }

    Clear-EmulatorFault
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-OssMultipartUpload' {
    It 'lists the unfinished uploads with bucket, key, upload id, local initiation time and endpoint' {
        $uploads = Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix

        $uploads | Should -HaveCount 3
        ($uploads.Key | Sort-Object) | Should -Be ($script:Keys | Sort-Object)
        foreach ($upload in $uploads) {
            $upload.GetType().FullName | Should -Be 'OssResumable.PowerShell.OssMultipartUpload'
            $upload.Bucket | Should -Be $script:TestBucket
            $upload.UploadId | Should -Not -BeNullOrEmpty
            $upload.Endpoint | Should -Be $script:Emu.Endpoint
            $upload.Region | Should -Be $script:TestRegion
            $upload.Initiated.Kind | Should -Be 'Local'
            ((Get-Date) - $upload.Initiated).TotalMinutes | Should -BeLessThan 10
        }
    }

    It 'filters by -Prefix and by exact -Key' {
        (Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix ($script:Prefix + 'a/')) | Should -HaveCount 2
        $exact = Get-OssMultipartUpload -Bucket $script:TestBucket -Key ($script:Prefix + 'a/one.bin')
        $exact | Should -HaveCount 1
        $exact.Key | Should -Be ($script:Prefix + 'a/one.bin')
    }

    It 'filters by -OlderThan given as <Case>' -ForEach @(
        @{ Case = 'text'; Recent = '1h'; All = '0s' }
        @{ Case = 'a TimeSpan'; Recent = (New-TimeSpan -Hours 1); All = [TimeSpan]::Zero }
        @{ Case = 'a number of days'; Recent = 1; All = 0 }
    ) {
        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -OlderThan $Recent | Should -BeNullOrEmpty
        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -OlderThan $All | Should -HaveCount 3
    }

    It 'takes unquoted ages that PowerShell parses as numbers (7d is a decimal, 0s an Int16 in PowerShell 7)' {
        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -OlderThan 7d | Should -BeNullOrEmpty
        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -OlderThan 36h | Should -BeNullOrEmpty
        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -OlderThan 0s | Should -HaveCount 3
    }

    It 'refuses an -OlderThan that is not an age' {
        { Get-OssMultipartUpload -Bucket $script:TestBucket -OlderThan 'soon' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError*'
    }

    It 'refuses -Key with -Prefix before any request' {
        $before = Get-EmulatorRequestCount
        { Get-OssMultipartUpload -Bucket $script:TestBucket -Key k -Prefix p -ErrorAction Stop } | Should -Throw -ErrorId 'OssInvalidArgument*'
        Get-EmulatorRequestCount | Should -Be $before
    }

    It 'streams: Select-Object -First 1 stops the listing without an error' {
        $first = Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix -ErrorVariable failures | Select-Object -First 1

        $first | Should -HaveCount 1
        $failures | Should -BeNullOrEmpty
    }

    It 'takes bucket names from the pipeline by property name' {
        $uploads = [pscustomobject]@{ Bucket = $script:TestBucket } | Get-OssMultipartUpload -Prefix $script:Prefix
        $uploads | Should -HaveCount 3
    }

    It 'reports a missing bucket as OssNoSuchBucket' {
        $null = Get-OssMultipartUpload -Bucket 'no-such-bucket-pester' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssNoSuchBucket,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'formats as a table grouped by bucket with local times' {
        $text = Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix | Format-Table | Out-String

        $text | Should -BeLike "*Bucket: $($script:TestBucket)*Initiated*UploadId*Key*"
        $text | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'
    }

    It 'fits 80 columns without cutting an upload id or a key' {
        $uploads = Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix

        Assert-FitsConsole -Text ($uploads | Out-String -Width 80) -Whole $uploads.UploadId
    }

    It 'uses the object endpoint downstream: piped to Get-OssUploadPart without connection parameters' {
        $saved = $env:OSS_ENDPOINT, $env:OSS_REGION
        try {
            $uploads = Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $script:Prefix
            $env:OSS_ENDPOINT = 'http://127.0.0.1:9'
            $env:OSS_REGION = $null
            $parts = $uploads | Get-OssUploadPart
            $parts | Should -HaveCount 3
        }
        finally {
            $env:OSS_ENDPOINT, $env:OSS_REGION = $saved
        }
    }
}
