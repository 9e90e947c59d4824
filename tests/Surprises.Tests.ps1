#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of the surprises of issue 11 (point 5): brackets in a file name, a wildcard that matches
# nothing, directories piped from Get-ChildItem -Recurse, -Region over an internal endpoint, an explicit
# -ProfileName against environment variables.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Send-OssFile paths' {
    It 'uploads a file whose name has brackets, given to -Path as written' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'big [x].bin') -Size 10KB
        $key = New-TestKey 'brackets.bin'

        $result = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key $key

        $result.LocalPath | Should -Be $file.FullName
        Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
    }

    It 'a wildcard that matches nothing is an error and sets $? to False' {
        $pattern = Join-Path $TestDrive 'nothing-*.bin'

        Send-OssFile $pattern -Bucket $script:TestBucket -KeyPrefix 'x/' -ErrorVariable failures -ErrorAction SilentlyContinue
        $succeeded = $?

        $succeeded | Should -BeFalse
        $failures | Should -HaveCount 1
        $failures[0].Exception.Message | Should -Match 'No file matches'
    }

    It 'skips directories piped from Get-ChildItem -Recurse with a warning, uploading the files' {
        $root = Join-Path $TestDrive 'tree'
        $null = New-Item -ItemType Directory -Path (Join-Path $root 'sub')
        $null = New-TestFile -Path (Join-Path $root 'sub/inner.bin') -Size 1KB
        $prefix = (New-TestKey 'x').TrimEnd('x')

        $results = Get-ChildItem -LiteralPath $root -Recurse | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -WarningVariable warnings -ErrorVariable failures -WarningAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        $results.Key | Should -Be ($prefix + 'inner.bin')
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match 'is a directory: skipped'
    }
}

Describe 'Connection surprises' {
    BeforeEach {
        $script:Saved = @{}
        foreach ($name in 'OSS_ENDPOINT', 'OSS_REGION', 'OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'OSSUTIL_CONFIG_FILE', 'ALIBABA_CLOUD_CREDENTIALS_FILE') {
            $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
    }

    AfterEach {
        foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    }

    It '-Region keeps an internal endpoint of ~/.ossutilconfig internal (and says so in -Verbose)' {
        $config = Join-Path $TestDrive 'internal.ossutilconfig'
        Set-Content -LiteralPath $config -Value "[default]`nendpoint = oss-cn-qingdao-internal.aliyuncs.com`nregion = cn-qingdao"
        $env:OSSUTIL_CONFIG_FILE = $config
        $env:OSS_ENDPOINT = $null; $env:OSS_REGION = $null

        $verbose = Get-OssMultipartUpload -Bucket $script:TestBucket -Region cn-hangzhou -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Out-String

        $verbose | Should -Match 'oss-cn-hangzhou-internal\.aliyuncs\.com'
    }

    It 'an explicit -ProfileName wins over the credential environment variables' {
        $credentials = Join-Path $TestDrive 'credentials'
        Set-Content -LiteralPath $credentials -Value "[night]`naccess_key_id = LTAIwrongidentity`naccess_key_secret = not-the-emulators"
        $env:ALIBABA_CLOUD_CREDENTIALS_FILE = $credentials

        Send-OssFile (New-TestFile -Path (Join-Path $TestDrive 'p.bin') -Size 1KB).FullName -Bucket $script:TestBucket -Key (New-TestKey 'p.bin') -ProfileName night -ErrorVariable failures -ErrorAction SilentlyContinue

        # The environment's keys would have succeeded; the profile's are refused by the emulator.
        $failures | Should -HaveCount 1
        $failures[0].Exception.Message | Should -Not -Match 'not-the-emulators'
    }
}

Describe '-WhatIf without credentials' {
    It 'Send-OssFile -WhatIf shows the plan with no credentials anywhere, and sends nothing' {
        $saved = $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET, $env:ALIBABA_CLOUD_CREDENTIALS_FILE, $env:OSSUTIL_CONFIG_FILE
        $empty = Join-Path $TestDrive 'empty'
        Set-Content -LiteralPath $empty -Value ''
        $file = New-TestFile -Path (Join-Path $TestDrive 'plan.bin') -Size 300KB
        $before = Get-EmulatorRequestCount
        try {
            $env:OSS_ACCESS_KEY_ID = $null; $env:OSS_ACCESS_KEY_SECRET = $null
            $env:ALIBABA_CLOUD_CREDENTIALS_FILE = $empty; $env:OSSUTIL_CONFIG_FILE = $empty
            $text = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key 'plan.bin' -PartSize 100KB -MultipartThreshold 100KB -WhatIf -Verbose -ErrorVariable failures 4>&1 | Out-String
            $refused = try { $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key 'plan.bin'; $null } catch { $_ }
        }
        finally {
            $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET, $env:ALIBABA_CLOUD_CREDENTIALS_FILE, $env:OSSUTIL_CONFIG_FILE = $saved
        }

        $failures | Should -BeNullOrEmpty
        $text | Should -Match 'as 3 parts of 100 KiB'
        $refused.FullyQualifiedErrorId | Should -BeLike 'OssCredentialsNotFound*'
        Get-EmulatorRequestCount | Should -Be $before
    }
}

Describe 'A region typo' {
    It 'is warned about, then OSS refusing the signing region is said as such, at once, with the region it probably meant' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'typo.bin') -Size 1KB
        $key = New-TestKey 'typo.bin'
        $before = Get-EmulatorRequestCount

        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -Endpoint $env:OSS_ENDPOINT -Region cn-hangzou -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue

        "$warnings" | Should -Match "-Region 'cn-hangzou' is not an OSS region"
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssInvalidSigningRegion*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        # What the console and a job's log show: the error's text and its recommended action.
        "$($failures[0])" | Should -BeLike "OSS refused the signing region 'cn-hangzou': the bucket is not in that region.*EC 0002-00000226*"
        $failures[0].ErrorDetails.RecommendedAction | Should -BeLike "Check -Region (or OSS_REGION / the profile's region)*'cn-hangzhou'*"
        "$($failures[0]) $($failures[0].ErrorDetails.RecommendedAction)" | Should -Not -Match 'credential'
        "$($failures[0]) $($failures[0].ErrorDetails.RecommendedAction)" | Should -Not -Match ([regex]::Escape($env:OSS_ACCESS_KEY_SECRET))
        # Not transient, so not retried: one PutObject.
        (Get-EmulatorRequestCount) - $before | Should -Be 1
    }
}
