#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Send-OssFile against the emulator. Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Send-OssFile' {
    AfterEach {
        Clear-EmulatorFault
    }

    Context 'single files' {
        It 'shows a result at 80 columns with a sub-second duration and the whole destination' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'table.bin') -Size 2000 -Seed 5
            $key = New-TestKey 'a/rather/long/key/that/does/not/fit/in/the/destination/column/table.bin'

            $result = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key
            $text = $result | Out-String -Width 80

            Assert-FitsConsole -Text $text
            # The destination wraps instead of being cut: all of it is there, in order.
            ($text -replace '\s', '') | Should -BeLike "*oss://$($script:TestBucket)/$key*"
            $text | Should -Match '\d\.\d\d s'
            $text | Should -Not -Match '00:00:00'
        }

        It 'uses the default key when neither -Key nor -KeyPrefix is given' {
            $name = 'plain-' + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.bin'
            $file = New-TestFile -Path (Join-Path $TestDrive $name) -Size 10 -Seed 3

            (Send-OssFile $file.FullName -Bucket $script:TestBucket).Key | Should -Be $name
        }

        It 'stores -ContentType, -Metadata and -StorageClass, and guesses the type from the extension' {
            $iso = New-TestFile -Path (Join-Path $TestDrive 'image.iso') -Size 100 -Seed 4
            $isoKey = New-TestKey 'image.iso'
            $other = New-TestFile -Path (Join-Path $TestDrive 'data.custom') -Size 100 -Seed 5
            $otherKey = New-TestKey 'data.custom'

            $null = Send-OssFile $iso.FullName -Bucket $script:TestBucket -Key $isoKey -Metadata @{ source = 'pester'; 'job-id' = 42 } -StorageClass IA
            $null = Send-OssFile $other.FullName -Bucket $script:TestBucket -Key $otherKey -ContentType 'application/x-custom'

            $info = Get-EmulatorObjectInfo -Key $isoKey
            $info.contentType | Should -Be 'application/x-iso9660-image'
            $info.storageClass | Should -Be 'IA'
            $info.userMetadata.source | Should -Be 'pester'
            $info.userMetadata.'job-id' | Should -Be '42'
            (Get-EmulatorObjectInfo -Key $otherKey).contentType | Should -Be 'application/x-custom'
        }

        It 'refuses to replace an existing object with -NoOverwrite' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'once.bin') -Size 100 -Seed 6
            $key = New-TestKey 'once.bin'
            $null = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key $key

            $result = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key $key -NoOverwrite -ErrorVariable failures -ErrorAction SilentlyContinue

            $result | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssFileAlreadyExists,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        }
    }

    Context 'the pipeline' {
        It 'takes Get-ChildItem output by property name and emits one result per file' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'batch')
            1..5 | ForEach-Object { $null = New-TestFile -Path (Join-Path $folder "f$_.bin") -Size (50KB * $_) -Seed (10 + $_) }
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $results = Get-ChildItem $folder -File | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -Threads 3 -PartSize 100KB -MultipartThreshold 100KB

            $results | Should -HaveCount 5
            foreach ($file in Get-ChildItem $folder -File) {
                $result = $results | Where-Object LocalPath -EQ $file.FullName
                $result.Key | Should -Be ($prefix + $file.Name)
                Get-EmulatorObjectHash -Key $result.Key | Should -Be (Get-TestFileHash $file.FullName)
            }
        }

        It 'keeps the folders of a recursive listing in the keys with -RelativeTo' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'tree')
            $a = New-Item -ItemType Directory -Path (Join-Path $folder 'a/deep') -Force
            $b = New-Item -ItemType Directory -Path (Join-Path $folder 'b') -Force
            $first = New-TestFile -Path (Join-Path $a 'same.bin') -Size 20KB -Seed 41
            $second = New-TestFile -Path (Join-Path $b 'same.bin') -Size 30KB -Seed 42
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $results = Get-ChildItem $folder -File -Recurse | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -RelativeTo $folder

            ($results.Key | Sort-Object) | Should -Be @(($prefix + 'a/deep/same.bin'), ($prefix + 'b/same.bin'))
            Get-EmulatorObjectHash -Key ($prefix + 'a/deep/same.bin') | Should -Be (Get-TestFileHash $first.FullName)
            Get-EmulatorObjectHash -Key ($prefix + 'b/same.bin') | Should -Be (Get-TestFileHash $second.FullName)
        }

        It 'refuses a second file with the same key in one command (OssDuplicateKey) and keeps the first object' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'clash')
            $a = New-Item -ItemType Directory -Path (Join-Path $folder 'a')
            $b = New-Item -ItemType Directory -Path (Join-Path $folder 'b')
            $first = New-TestFile -Path (Join-Path $a 'same.bin') -Size 20KB -Seed 43
            $second = New-TestFile -Path (Join-Path $b 'same.bin') -Size 30KB -Seed 44
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $results = $first, $second | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -ErrorVariable failures -ErrorAction SilentlyContinue

            $results | Should -HaveCount 1
            $results.LocalPath | Should -Be $first.FullName
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssDuplicateKey,*'
            $failures[0].Exception.Message | Should -BeLike "*$($second.FullName)*$($first.FullName)*"
            $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-RelativeTo*'
            Get-EmulatorObjectHash -Key ($prefix + 'same.bin') | Should -Be (Get-TestFileHash $first.FullName)
        }

        It 'takes RelativeTo from piped objects, one folder per object' {
            $one = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'one/sub') -Force
            $two = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'two/sub') -Force
            $f1 = New-TestFile -Path (Join-Path $one 'f.bin') -Size 1KB -Seed 45
            $f2 = New-TestFile -Path (Join-Path $two 'g.bin') -Size 1KB -Seed 46
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $results = @(
                [pscustomobject]@{ LiteralPath = $f1.FullName; RelativeTo = (Join-Path $TestDrive 'one') }
                [pscustomobject]@{ LiteralPath = $f2.FullName; RelativeTo = (Join-Path $TestDrive 'two') }
            ) | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix

            ($results.Key | Sort-Object) | Should -Be @(($prefix + 'sub/f.bin'), ($prefix + 'sub/g.bin'))
        }

        It 'expands wildcards in -Path and reports a directory as an error' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'wild')
            $null = New-TestFile -Path (Join-Path $folder 'a.log') -Size 10 -Seed 21
            $null = New-TestFile -Path (Join-Path $folder 'b.log') -Size 10 -Seed 22
            $null = New-TestFile -Path (Join-Path $folder 'c.txt') -Size 10 -Seed 23
            $null = New-Item -ItemType Directory -Path (Join-Path $folder 'sub.log')
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $results = Send-OssFile -Path (Join-Path $folder '*.log') -Bucket $script:TestBucket -KeyPrefix $prefix -ErrorVariable failures -ErrorAction SilentlyContinue

            ($results.Key | Sort-Object) | Should -Be @(($prefix + 'a.log'), ($prefix + 'b.log'))
            $failures | Should -HaveCount 1
            $failures[0].Exception.Message | Should -BeLike '*is a directory*'
        }

        It 'goes on after a failed file, which is a non-terminating error with a pipeable target' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'partial')
            $good = New-TestFile -Path (Join-Path $folder 'good.bin') -Size 300KB -Seed 31
            $bad = New-TestFile -Path (Join-Path $folder 'bad.bin') -Size 400KB -Seed 32
            $prefix = (New-TestKey 'x').Replace('/x', '/')
            $checkpoints = Join-Path $TestDrive 'cp-partial'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($prefix)bad.bin,part=3,action=error,status=403,code=AccessDenied,times=*"

            $results = $good, $bad | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -PartSize 100KB -MultipartThreshold 100KB -CheckpointDirectory $checkpoints -ErrorVariable failures -ErrorAction SilentlyContinue

            $results | Should -HaveCount 1
            $results.LocalPath | Should -Be $good.FullName
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssAccessDenied,*'
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $target = $failures[0].TargetObject
            $target.GetType().FullName | Should -Be 'OssResumable.PowerShell.OssMultipartUpload'
            $target.Key | Should -Be ($prefix + 'bad.bin')
            $target.LocalPath | Should -Be $bad.FullName
            $target.UploadId | Should -Not -BeNullOrEmpty
            $target.CheckpointPath | Should -Exist

            Clear-EmulatorFault
            $finished = $failures[0].TargetObject | Resume-OssUpload
            $finished.Key | Should -Be ($prefix + 'bad.bin')
            $finished.Resumed | Should -BeTrue
            Get-EmulatorObjectHash -Key $finished.Key | Should -Be (Get-TestFileHash $bad.FullName)
        }
    }

    Context 'stopping at the first error' {
        It 'ends at the first failed file with -ErrorAction Stop and leaves the file still running resumable' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'stop-on-error')
            $slow = New-TestFile -Path (Join-Path $folder 'slow.bin') -Size 500KB -Seed 35
            $bad = New-TestFile -Path (Join-Path $folder 'bad.bin') -Size 300KB -Seed 36
            $prefix = (New-TestKey 'x').Replace('/x', '/')
            $checkpoints = Join-Path $TestDrive 'cp-stop-on-error'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($prefix)slow.bin,action=delay,ms=1000,times=*"
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($prefix)bad.bin,action=error,status=403,code=AccessDenied,times=*"

            { $slow, $bad | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -PartSize 100KB -MultipartThreshold 100KB -Threads 2 -CheckpointDirectory $checkpoints -ErrorAction Stop } |
                Should -Throw -ErrorId 'OssAccessDenied*'

            Clear-EmulatorFault
            $checkpoint = @(Get-ChildItem $checkpoints -Filter 'slow.bin.*.checkpoint.json')
            $checkpoint | Should -HaveCount 1
            $result = $checkpoint | Resume-OssUpload
            $result.Resumed | Should -BeTrue
            Get-EmulatorObjectHash -Key ($prefix + 'slow.bin') | Should -Be (Get-TestFileHash $slow.FullName)
        }
    }

    Context '-Threads Auto and -MaxBytesPerSecond' {
        BeforeAll {
            $script:ThreadsFile = New-TestFile -Path (Join-Path $TestDrive 'threads-param.bin') -Size 100 -Seed 1330
        }

        It 'uploads with -Threads <Value> and says so in -WhatIf' -ForEach @(
            @{ Value = 'Auto' }
            @{ Value = 'auto' }
        ) {
            $file = New-TestFile -Path (Join-Path $TestDrive "auto-$Value.bin") -Size 1MB -Seed 1310
            $key = New-TestKey "auto-$Value.bin"

            $plan = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads $Value -WhatIf -Verbose 4>&1
            $result = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads $Value

            ($plan | Out-String) | Should -Match 'Auto threads \(8 to start, up to 11 on a far link, at most 11\)'
            $result.PartCount | Should -Be 11
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
        }

        It 'holds a 256 KB/s cap shared by two files' {
            $files = 1, 2 | ForEach-Object { New-TestFile -Path (Join-Path $TestDrive "capped-$_.bin") -Size 300KB -Seed (1320 + $_) }
            $prefix = New-TestKey 'capped/'

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $results = $files | Send-OssFile -Bucket $script:TestBucket -KeyPrefix $prefix -PartSize 100KB -MultipartThreshold 100KB -Threads 4 -MaxBytesPerSecond 256KB
            $clock.Stop()

            # 600 KB at 256 KB/s, less the quarter of a second the cap lets through at once: a lower bound,
            # which a busy machine can only exceed.
            $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual ((600KB - 64KB) / 256KB * 0.97)
            $results | Should -HaveCount 2
            foreach ($file in $files) {
                Get-EmulatorObjectHash -Key ($prefix + $file.Name) | Should -Be (Get-TestFileHash $file.FullName)
            }
        }

        It 'names the cap in the plan -WhatIf shows, for a multipart and a one-request upload' {
            $big = New-TestFile -Path (Join-Path $TestDrive 'capped-plan.bin') -Size 300KB -Seed 1325
            $before = Get-EmulatorRequestCount

            $plan = Send-OssFile -LiteralPath $big.FullName, $script:ThreadsFile.FullName -Bucket $script:TestBucket -KeyPrefix (New-TestKey 'capped-plan/') -PartSize 100KB -MultipartThreshold 100KB -Threads 4 -MaxBytesPerSecond 1.5MB -WhatIf -Verbose 4>&1 | Out-String

            $plan | Should -BeLike '*3 parts of 100 KiB with 3 thread(s), at most 1.5 MiB/s for the whole command*'
            $plan | Should -BeLike '*in one request (below the multipart threshold), at most 1.5 MiB/s for the whole command*'
            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'refuses -Threads <Case> naming both forms, before any request' -ForEach @(
            @{ Case = '0'; Value = 0; ErrorId = 'ParameterArgumentValidationError*' }
            @{ Case = '257'; Value = 257; ErrorId = 'ParameterArgumentValidationError*' }
            @{ Case = 'Many'; Value = 'Many'; ErrorId = 'ParameterArgumentTransformationError*' }
        ) {
            $before = Get-EmulatorRequestCount
            $failure = { Send-OssFile $script:ThreadsFile.FullName -Bucket $script:TestBucket -Threads $Value -ErrorAction Stop } | Should -Throw -ErrorId $ErrorId -PassThru
            $failure.Exception.Message | Should -BeLike '*1 to 256, or Auto*'
            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'refuses a cap below 1KB before any request' {
            $before = Get-EmulatorRequestCount
            { Send-OssFile $script:ThreadsFile.FullName -Bucket $script:TestBucket -MaxBytesPerSecond 100 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
            Get-EmulatorRequestCount | Should -Be $before
        }
    }

    Context 'parameters are checked before any request' {
        BeforeAll {
            $script:File = New-TestFile -Path (Join-Path $TestDrive 'param.bin') -Size 100 -Seed 40
        }

        It 'refuses <Case>' -ForEach @(
            @{ Case = 'a part size below 100 KB'; Splat = @{ PartSize = 50KB } }
            @{ Case = '0 threads'; Splat = @{ Threads = 0 } }
            @{ Case = 'a signature version other than 1 and 4'; Splat = @{ SignatureVersion = 2 } }
            @{ Case = 'an unknown storage class'; Splat = @{ StorageClass = 'Glacier' } }
        ) {
            $before = Get-EmulatorRequestCount
            { Send-OssFile $script:File.FullName -Bucket $script:TestBucket @Splat -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'refuses -Key together with -KeyPrefix' {
            $before = Get-EmulatorRequestCount
            { Send-OssFile $script:File.FullName -Bucket $script:TestBucket -Key k -KeyPrefix p/ -ErrorAction Stop } | Should -Throw -ErrorId 'OssInvalidArgument*'
            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'refuses -Key with several files before uploading any of them' {
            $second = New-TestFile -Path (Join-Path $TestDrive 'param2.bin') -Size 100 -Seed 41
            $before = Get-EmulatorRequestCount

            { $script:File, $second | Send-OssFile -Bucket $script:TestBucket -Key 'one-key' -ErrorAction Stop } | Should -Throw -ErrorId 'OssInvalidArgument*'

            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'refuses invalid metadata and a bad bucket name' {
            $before = Get-EmulatorRequestCount
            { Send-OssFile $script:File.FullName -Bucket $script:TestBucket -Metadata @{ 'bad name' = 'x' } -ErrorAction Stop } | Should -Throw -ErrorId 'OssInvalidArgument*'
            { Send-OssFile $script:File.FullName -Bucket 'Bad_Bucket' -ErrorAction Stop } | Should -Throw -ErrorId 'OssInvalidArgument*'
            Get-EmulatorRequestCount | Should -Be $before
        }

        It 'names every credential source in one error when none has credentials, before any request' {
            $saved = $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET
            $before = Get-EmulatorRequestCount
            try {
                $env:OSS_ACCESS_KEY_ID = $null
                $env:OSS_ACCESS_KEY_SECRET = $null
                # Point both files at an empty INI so that the user's real files are not read.
                $empty = Join-Path $TestDrive 'empty.ini'
                Set-Content -LiteralPath $empty -Value '# nothing'
                $env:ALIBABA_CLOUD_CREDENTIALS_FILE = $empty
                $env:OSSUTIL_CONFIG_FILE = $empty

                $thrown = $null
                try { Send-OssFile $script:File.FullName -Bucket $script:TestBucket -ErrorAction Stop } catch { $thrown = $_ }

                $thrown.FullyQualifiedErrorId | Should -BeLike 'OssCredentialsNotFound,*'
                $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
                foreach ($source in '-Credential', 'OSS_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'credentials file', 'ossutil') {
                    $thrown.Exception.Message | Should -BeLike "*$source*"
                }

                Get-EmulatorRequestCount | Should -Be $before
            }
            finally {
                $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET = $saved
                $env:ALIBABA_CLOUD_CREDENTIALS_FILE = $null
                $env:OSSUTIL_CONFIG_FILE = $null
            }
        }
    }

    Context 'credentials' {
        It 'accepts -Credential with the AccessKey ID as user name' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'cred.bin') -Size 10 -Seed 50
            $credential = New-Object System.Management.Automation.PSCredential ($script:TestAccessKeyId, (ConvertTo-SecureString $script:TestSecret -AsPlainText -Force))
            $saved = $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET
            try {
                $env:OSS_ACCESS_KEY_ID = 'someone-else'
                $env:OSS_ACCESS_KEY_SECRET = 'wrong'
                (Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'cred.bin') -Credential $credential).Size | Should -Be 10
            }
            finally {
                $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET = $saved
            }
        }

        It 'reads an ossutil config file profile' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'util.bin') -Size 10 -Seed 51
            $config = Join-Path $TestDrive 'ossutilconfig'
            Set-Content -LiteralPath $config -Value @(
                '[profile pester]'
                "access-key-id = $script:TestAccessKeyId"
                "access-key-secret = $script:TestSecret"
            )
            $saved = $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET
            try {
                $env:OSS_ACCESS_KEY_ID = $null
                $env:OSS_ACCESS_KEY_SECRET = $null
                $env:OSSUTIL_CONFIG_FILE = $config
                $env:ALIBABA_CLOUD_CREDENTIALS_FILE = Join-Path $TestDrive 'ossutilconfig'
                (Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'util.bin') -ProfileName pester).Size | Should -Be 10
            }
            finally {
                $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET = $saved
                $env:OSSUTIL_CONFIG_FILE = $null
                $env:ALIBABA_CLOUD_CREDENTIALS_FILE = $null
            }
        }

        It 'reports a wrong secret as an authentication error and never shows a secret in any stream' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'wrong.bin') -Size 300KB -Seed 52
            $wrong = 'wrong-secret-value-0123456789'

            $all = & {
                Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'wrong.bin') -AccessKeyId $script:TestAccessKeyId -AccessKeySecret $wrong -Verbose -ErrorAction Continue
                Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'right.bin') -PartSize 100KB -MultipartThreshold 100KB -Verbose
            } *>&1 | ForEach-Object { $_ | Out-String }
            $text = $all -join "`n"

            $text | Should -BeLike '*SignatureDoesNotMatch*'
            $text | Should -Not -BeLike "*$wrong*"
            $text | Should -Not -BeLike "*$($script:TestSecret)*"
            $text | Should -Not -BeLike '*OSS4-HMAC-SHA256 Credential*'
        }
    }

    Context '-WhatIf and -Verbose' {
        It '-WhatIf plans every file and sends nothing' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'whatif.bin') -Size 1MB -Seed 60
            $before = Get-EmulatorRequestCount

            $verbose = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'whatif.bin') -PartSize 100KB -MultipartThreshold 100KB -Threads 3 -WhatIf -Verbose 4>&1

            Get-EmulatorRequestCount | Should -Be $before
            $plan = ($verbose | Out-String)
            $plan | Should -BeLike '*11 parts of 100 KiB with 3 thread(s)*'
            $plan | Should -BeLike '*checkpoint *.checkpoint.json*'
        }

        It '-Verbose narrates the plan and the verification' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'verbose.bin') -Size 300KB -Seed 61

            $verbose = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key (New-TestKey 'verbose.bin') -PartSize 100KB -MultipartThreshold 100KB -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

            ($verbose -join "`n") | Should -BeLike '*Plan for*'
            ($verbose -join "`n") | Should -BeLike '*Endpoint http://127.0.0.1:*'
            ($verbose -join "`n") | Should -Match 'CRC-64|verif'
        }

        It '-Verbose narrates retries' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'retry.bin') -Size 300KB -Seed 62
            $key = New-TestKey 'retry.bin'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=2,action=error,status=503,code=ServiceUnavailable,times=1"

            $verbose = Send-OssFile $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

            ($verbose -join "`n") | Should -Match 'UploadPart failed and will be retried|Retrying UploadPart'
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
        }
    }

    Context 'progress' {
        It 'writes a parent bar and a child bar per file from the pipeline thread, throttled, with Completed records' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'progress')
            1..3 | ForEach-Object { $null = New-TestFile -Path (Join-Path $folder "p$_.bin") -Size 500KB -Seed (70 + $_) }
            $prefix = (New-TestKey 'x').Replace('/x', '/')
            # Slow parts down so that progress is reported more than once.
            $null = Add-EmulatorFault -Spec 'op=UploadPart,action=delay,ms=150,times=*'
            $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'

            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                    param($manifest, $folder, $bucket, $prefix)
                    $ProgressPreference = 'Continue'
                    Import-Module $manifest
                    Get-ChildItem $folder -File | Send-OssFile -Bucket $bucket -KeyPrefix $prefix -PartSize 100KB -MultipartThreshold 100KB -Threads 2
                }).AddArgument($manifest).AddArgument($folder.FullName).AddArgument($script:TestBucket).AddArgument($prefix)
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $results = $ps.Invoke()
                $watch.Stop()
                $records = @($ps.Streams.Progress)
            }
            finally {
                $ps.Dispose()
            }

            $results | Should -HaveCount 3
            $parents = @($records | Where-Object { $_.ActivityId -eq 1 })
            $children = @($records | Where-Object { $_.ParentActivityId -eq 1 })
            $parents.Count | Should -BeGreaterThan 1
            $children.Count | Should -BeGreaterThan 0
            $parents[-1].RecordType | Should -Be 'Completed'
            ($parents | Where-Object RecordType -EQ 'Processing' | Select-Object -Last 1).StatusDescription | Should -Match 'of 3 files|files? done'
            # Every child bar that was shown is completed.
            foreach ($id in ($children | Select-Object -ExpandProperty ActivityId -Unique)) {
                ($children | Where-Object ActivityId -EQ $id | Select-Object -Last 1).RecordType | Should -Be 'Completed'
            }
            # At most ~5 updates a second (parent + children per update, plus completions).
            $updates = @($parents | Where-Object RecordType -EQ 'Processing').Count
            $updates | Should -BeLessOrEqual ([Math]::Ceiling($watch.Elapsed.TotalSeconds * 5) + 3)
        }

        It 'writes no progress when $ProgressPreference is SilentlyContinue' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'silent.bin') -Size 300KB -Seed 80
            $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                    param($manifest, $path, $bucket, $key)
                    $ProgressPreference = 'SilentlyContinue'
                    Import-Module $manifest
                    Send-OssFile -LiteralPath $path -Bucket $bucket -Key $key -PartSize 100KB -MultipartThreshold 100KB
                }).AddArgument($manifest).AddArgument($file.FullName).AddArgument($script:TestBucket).AddArgument((New-TestKey 'silent.bin'))
                $results = $ps.Invoke()
                $ps.Streams.Progress | Should -HaveCount 0
                $results | Should -HaveCount 1
            }
            finally {
                $ps.Dispose()
            }
        }
    }

    Context 'interruption' {
        It 'stops promptly on Stop (Ctrl+C) and leaves a checkpoint that Resume-OssUpload finishes' {
            $file = New-TestFile -Path (Join-Path $TestDrive 'stopped.bin') -Size 1MB -Seed 90
            $key = New-TestKey 'stopped.bin'
            $checkpoints = Join-Path $TestDrive 'cp-stopped'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,skip=3,action=delay,ms=120000,times=*"
            $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'

            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                    param($manifest, $path, $bucket, $key, $checkpoints)
                    Import-Module $manifest
                    Send-OssFile -LiteralPath $path -Bucket $bucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory $checkpoints
                }).AddArgument($manifest).AddArgument($file.FullName).AddArgument($script:TestBucket).AddArgument($key).AddArgument($checkpoints)
                $async = $ps.BeginInvoke()
                Wait-Until { @(Get-EmulatorUpload | Where-Object key -CEQ $key | ForEach-Object { $_.parts }).Count -ge 3 }

                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()

                $watch.Elapsed.TotalSeconds | Should -BeLessThan 15
                $async.IsCompleted | Should -BeTrue
            }
            finally {
                $ps.Dispose()
            }

            Clear-EmulatorFault
            $checkpoint = @(Get-ChildItem $checkpoints -Filter '*.checkpoint.json')
            $checkpoint | Should -HaveCount 1
            $result = Resume-OssUpload -CheckpointPath $checkpoint[0].FullName
            $result.Resumed | Should -BeTrue
            $result.BytesReused | Should -BeGreaterOrEqual 300KB
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
            $checkpoint[0].FullName | Should -Not -Exist
        }
    }

    # The same scenarios over HTTP and over HTTPS (the emulator's own certificate). Over HTTPS the module runs
    # where an administrator would make that certificate trusted: a child PowerShell started with SSL_CERT_FILE
    # naming the system CAs plus the certificate (Invoke-ModuleScript, Start-ChildPwsh); this PowerShell does not
    # trust it. Linux only: elsewhere .NET ignores SSL_CERT_FILE, and trusting the certificate would mean changing
    # the machine's trust store, which a test must not do.
    Context 'over <Scheme>' -ForEach @(
        @{ Scheme = 'http' }
        @{ Scheme = 'https' }
    ) {
        $untrustable = $Scheme -eq 'https' -and -not $IsLinux

        BeforeAll {
            $script:SchemeEmulator = $null
            if ($Scheme -eq 'https') {
                if (-not $IsLinux) { return }   # the tests are skipped: see above
                $script:SchemeEmulator = Start-TestEmulator -Https
            }

            $script:Endpoint = $script:Emulator.Endpoint
            $script:Endpoint | Should -BeLike "${Scheme}://*"
        }

        AfterAll {
            Stop-TestEmulator -Emulator $script:SchemeEmulator
        }

        It 'uploads a small file in one request and emits a verified result' -Skip:$untrustable {
            $file = New-TestFile -Path (Join-Path $TestDrive 'small.txt') -Size 1000 -Seed 1
            $key = New-TestKey 'small.txt'

            $result = Invoke-ModuleScript "Send-OssFile -Path '$($file.FullName)' -Bucket '$script:TestBucket' -Key '$key'"

            $result | Should -HaveCount 1
            $result.PSObject.TypeNames[0] -replace '^Deserialized\.' | Should -Be 'OssResumable.PowerShell.OssUploadResult'
            $result.Bucket | Should -Be $script:TestBucket
            $result.Key | Should -Be $key
            $result.LocalPath | Should -Be $file.FullName
            $result.Size | Should -Be 1000
            $result.Multipart | Should -BeFalse
            $result.UploadId | Should -BeNullOrEmpty
            $result.Crc64 | Should -Match '^\d+$'
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
            (Get-EmulatorObjectInfo -Key $key).contentType | Should -Be 'text/plain'
        }

        It 'uploads a large file as parallel parts with -PartSize and the default key (file name)' -Skip:$untrustable {
            $file = New-TestFile -Path (Join-Path $TestDrive 'disk.vhdx') -Size (1MB + 123) -Seed 2
            $prefix = (New-TestKey 'x').Replace('/x', '/')

            $result = Invoke-ModuleScript "Send-OssFile -LiteralPath '$($file.FullName)' -Bucket '$script:TestBucket' -KeyPrefix '$prefix' -PartSize 100KB -MultipartThreshold 200KB -Threads 4"

            $result.Key | Should -Be ($prefix + 'disk.vhdx')
            $result.Multipart | Should -BeTrue
            $result.PartCount | Should -Be 11
            $result.PartSize | Should -Be 100KB
            $result.UploadId | Should -Not -BeNullOrEmpty
            Get-EmulatorObjectHash -Key $result.Key | Should -Be (Get-TestFileHash $file.FullName)
            (Get-EmulatorObjectInfo -Key $result.Key).partCount | Should -Be 11
            Get-EmulatorUpload | Where-Object key -CEQ $result.Key | Should -BeNullOrEmpty
        }

        It 'prints the exact Resume-OssUpload command after Ctrl+C (SIGINT) in a console pwsh' -Skip:($untrustable -or [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT) {
            # Windows has no way to send Ctrl+C to another console process from a test; the [powershell]::Stop()
            # test covers StopProcessing there. Here pwsh's console host turns SIGINT into Ctrl+C.
            $file = New-TestFile -Path (Join-Path $TestDrive 'sigint.bin') -Size 1MB -Seed 91
            $key = New-TestKey 'sigint.bin'
            $checkpoints = Join-Path $TestDrive 'cp-sigint'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,skip=2,action=delay,ms=120000,times=*"
            $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
            # -Endpoint with -Region: both are repeated in the resume command (-Region alone would mean the public
            # endpoint of the region, which this machine cannot reach).
            $script = "Import-Module '$manifest'; Send-OssFile -LiteralPath '$($file.FullName)' -Bucket '$script:TestBucket' -Key '$key' -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory '$checkpoints' -Endpoint '$script:Endpoint' -Region '$script:TestRegion'"
            $out = Join-Path $TestDrive 'sigint.out'
            $err = Join-Path $TestDrive 'sigint.err'
            $child = Start-ChildPwsh -Script $script -OutputPath $out -ErrorPath $err
            try {
                Wait-Until { Assert-ChildPwshRunning $child $out, $err; @(Get-EmulatorUpload | Where-Object key -CEQ $key | ForEach-Object { $_.parts }).Count -ge 2 }
                Stop-ChildPwsh -Process $child -Signal Interrupt | Should -BeTrue
            }
            finally {
                $null = Stop-ChildPwsh -Process $child -Signal Kill
            }

            Clear-EmulatorFault
            # The console host writes warnings to stdout; read stderr too in case a host version differs.
            # Joined without separators: the command itself is on one line, other lines only get concatenated.
            $printed = ((Get-Content -LiteralPath $out -Raw) + (Get-Content -LiteralPath $err -Raw)) -replace '\r?\n', ''
            $printed | Should -Match ("Resume-OssUpload -CheckpointPath '[^']+\.checkpoint\.json' -Endpoint '" + [regex]::Escape($script:Endpoint) + "' -Region 'cn-hangzhou'")
            $command = [regex]::Match($printed, "Resume-OssUpload -CheckpointPath '[^']+' -Endpoint '[^']+' -Region '[^']+'").Value
            $result = Invoke-ModuleScript $command
            $result.Resumed | Should -BeTrue
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
        }

        It 'finishes an upload after the pwsh process running it was killed' -Skip:$untrustable {
            $file = New-TestFile -Path (Join-Path $TestDrive 'killed.bin') -Size 1MB -Seed 92
            $key = New-TestKey 'killed.bin'
            $checkpoints = Join-Path $TestDrive 'cp-killed'
            $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,skip=3,action=delay,ms=120000,times=*"
            $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
            $command = "Send-OssFile -LiteralPath '$($file.FullName)' -Bucket '$script:TestBucket' -Key '$key' -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory '$checkpoints'"
            $child = Start-ChildPwsh -Script "Import-Module '$manifest'; $command" -OutputPath (Join-Path $TestDrive 'killed.out') -ErrorPath (Join-Path $TestDrive 'killed.err')
            try {
                Wait-Until { Assert-ChildPwshRunning $child (Join-Path $TestDrive 'killed.err'); @(Get-EmulatorUpload | Where-Object key -CEQ $key | ForEach-Object { $_.parts }).Count -ge 3 }
            }
            finally {
                # The real PowerShell dies mid-upload, as in a crash (not a launcher whose child would go on).
                Stop-ChildPwsh -Process $child -Signal Kill | Should -BeTrue
            }

            Clear-EmulatorFault
            # Re-running the same command resumes from the checkpoint the killed process left.
            $result = Invoke-ModuleScript $command

            $result.Resumed | Should -BeTrue
            $result.BytesReused | Should -BeGreaterOrEqual 300KB
            Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
            Get-ChildItem $checkpoints -Filter '*.checkpoint.json' | Should -BeNullOrEmpty
        }
    }
}

Describe 'Send-OssFile to an endpoint whose certificate this PowerShell does not trust' {
    BeforeAll {
        # The emulator's own certificate, created after this PowerShell started: untrusted here on every system.
        $script:Untrusted = Start-TestEmulator -Https
    }

    AfterAll {
        Stop-TestEmulator -Emulator $script:Untrusted
    }

    It 'fails at once with OssTlsFailed naming the host and what to do, and leaves nothing behind (<Case>)' -ForEach @(
        @{ Case = 'one PUT'; Size = 1000; Splat = @{} }
        @{ Case = 'multipart'; Size = 500KB; Splat = @{ PartSize = 100KB; MultipartThreshold = 100KB; Threads = 2 } }
    ) {
        $file = New-TestFile -Path (Join-Path $TestDrive 'untrusted.bin') -Size $Size -Seed 95
        $key = New-TestKey 'untrusted.bin'
        $checkpoints = Join-Path $TestDrive ('cp-untrusted-' + $Size)
        # The helpers' admin calls share one pooled connection: open it first, so that it is not counted below.
        $null = Invoke-EmulatorAdmin -Path 'stats'
        $before = Invoke-EmulatorAdmin -Path 'stats'
        $hostPort = ([uri]$script:Untrusted.Endpoint).Authority

        $all = & {
            Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -CheckpointDirectory $checkpoints @Splat -Verbose -ErrorAction Continue
        } *>&1
        $thrown = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $thrown | Should -HaveCount 1
        $thrown[0].FullyQualifiedErrorId | Should -BeLike 'OssTlsFailed,*'
        $thrown[0].CategoryInfo.Category | Should -Be 'SecurityError'
        $thrown[0].Exception.Message | Should -BeLike "*could not set up a TLS connection to $hostPort*"
        $thrown[0].Exception.Message | Should -BeLike '*SSL_CERT_FILE*'
        $thrown[0].Exception.Message | Should -BeLike '*never switched off*'
        $thrown[0].ErrorDetails.RecommendedAction | Should -BeLike '*trusted*'
        $text = ($all | Out-String) + ($thrown[0] | Format-List * -Force | Out-String)
        $text | Should -Not -BeLike "*$($script:TestSecret)*"
        $text | Should -Not -BeLike '*OSS4-HMAC-SHA256 Credential*'
        # Not retried: one TLS connection, refused in the handshake, so no request ever reached the server.
        $after = Invoke-EmulatorAdmin -Path 'stats'
        ($after.connectionsAccepted - $before.connectionsAccepted) | Should -Be 1 -Because 'one TLS handshake was attempted and not retried'
        Get-EmulatorRequestCount | Should -Be (@($before.requests.PSObject.Properties.Value) | Measure-Object -Sum).Sum
        Get-EmulatorUpload | Where-Object key -CEQ $key | Should -BeNullOrEmpty
        Get-EmulatorObjectInfo -Key $key | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $checkpoints -Force -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
