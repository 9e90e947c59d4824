#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of the unattended-job pattern (issue 11, point 1): Invoke-OssUploadJob.ps1, run as Task
# Scheduler or cron would run it — a fresh pwsh -NonInteractive -File, standard output and error thrown
# away — must leave a log that holds every error and an exit code that says whether anything failed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator
    $script:JobScript = Join-Path $script:RepoRoot 'out/OssResumable/Invoke-OssUploadJob.ps1'
    $script:EmptyConfig = Join-Path $TestDrive 'empty-config'
    Set-Content -LiteralPath $script:EmptyConfig -Value ''

    # Runs the job as a scheduler does: no console, stdout and stderr discarded. Returns the exit code.
    # -Environment: variables set (or removed with $null) for the child only.
    function Invoke-ScheduledJob {
        param([string[]] $Arguments, [hashtable] $Environment = @{})
        $pwsh = Get-PwshCommandLine
        $saved = @{}
        $Environment['ALIBABA_CLOUD_CREDENTIALS_FILE'] = $script:EmptyConfig
        $Environment['OSSUTIL_CONFIG_FILE'] = $script:EmptyConfig
        foreach ($name in $Environment.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $Environment[$name])
        }

        try {
            $all = @($pwsh.Arguments) + @('-NoProfile', '-NonInteractive', '-File', $script:JobScript) + $Arguments
            Invoke-WithChildPwshEnvironment { & $pwsh.FilePath @all > $null 2> $null }
            $LASTEXITCODE
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function New-JobFolder {
        param([string] $Name, [int] $Files = 3)
        $folder = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Path $folder
        1..$Files | ForEach-Object { $null = New-TestFile -Path (Join-Path $folder "f$_.bin") -Size (5KB * $_) -Seed $_ }
        $folder
    }
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Invoke-OssUploadJob.ps1 run as a scheduled task' {
    It 'all good: exit code 0, one OK line per file and the summary in the log' {
        $folder = New-JobFolder 'good'
        $log = Join-Path $TestDrive 'logs/good.log'
        $prefix = (New-TestKey 'x').TrimEnd('x')

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-KeyPrefix', $prefix, '-SkipUnchanged')

        $code | Should -Be 0
        $text = Get-Content -LiteralPath $log -Raw
        @(Select-String -LiteralPath $log -Pattern ' OK +Uploaded ') | Should -HaveCount 3
        $text | Should -Match 'INFO +Send-OssFile: 3 uploaded, 0 failed'
        $text | Should -Match 'END +exit code 0'
        $text | Should -Not -Match ' ERROR '
        $text | Should -Not -Match ([regex]::Escape($script:TestSecret))

        # The next night: nothing changed, nothing is sent, still exit code 0.
        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-KeyPrefix', $prefix, '-SkipUnchanged')
        $code | Should -Be 0
        @(Select-String -LiteralPath $log -Pattern ' OK +Skipped ') | Should -HaveCount 3
    }

    It '-Recurse keeps the folders below -Path in the keys, so files of the same name do not collide' {
        $folder = New-JobFolder 'tree' -Files 1
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'sub')
        $nested = New-TestFile -Path (Join-Path $folder 'sub/f1.bin') -Size 7KB -Seed 9
        $log = Join-Path $TestDrive 'tree.log'
        $prefix = (New-TestKey 'x').TrimEnd('x')

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Recurse', '-Bucket', $script:TestBucket, '-KeyPrefix', $prefix)

        $code | Should -Be 0
        @(Select-String -LiteralPath $log -Pattern ' OK +Uploaded ') | Should -HaveCount 2
        Get-EmulatorObjectHash -Key ($prefix + 'f1.bin') | Should -Be (Get-TestFileHash (Join-Path $folder 'f1.bin'))
        Get-EmulatorObjectHash -Key ($prefix + 'sub/f1.bin') | Should -Be (Get-TestFileHash $nested.FullName)
    }

    It 'one file failing: exit code 1, its error in the log, the other files uploaded' {
        $folder = New-JobFolder 'one-fails'
        $log = Join-Path $TestDrive 'one-fails.log'
        $prefix = (New-TestKey 'x').TrimEnd('x')
        $null = Add-EmulatorFault -Spec "op=PutObject,key=$($prefix)f2.bin,action=error,status=403,code=AccessDenied,times=*"
        try {
            $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-KeyPrefix', $prefix)
        }
        finally {
            Clear-EmulatorFault
        }

        $code | Should -Be 1
        $errors = @(Select-String -LiteralPath $log -Pattern ' ERROR ')
        $errors | Should -HaveCount 1
        $errors[0].Line | Should -Match 'f2\.bin'
        @(Select-String -LiteralPath $log -Pattern ' OK +Uploaded ') | Should -HaveCount 2
        Get-Content -LiteralPath $log -Raw | Should -Match 'END +exit code 1'
    }

    It 'no credentials: exit code 1 and the reason in the log' {
        $folder = New-JobFolder 'no-credentials' -Files 1
        $log = Join-Path $TestDrive 'no-credentials.log'

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket) -Environment @{ OSS_ACCESS_KEY_ID = $null; OSS_ACCESS_KEY_SECRET = $null; ALIBABA_CLOUD_ACCESS_KEY_ID = $null; ALIBABA_CLOUD_ACCESS_KEY_SECRET = $null }

        $code | Should -Be 1
        $text = Get-Content -LiteralPath $log -Raw
        $text | Should -Match 'ERROR .*credential'
        $text | Should -Match 'END +exit code 1'
    }

    It 'a missing profile: exit code 1 and the reason in the log' {
        $folder = New-JobFolder 'missing-profile' -Files 1
        $log = Join-Path $TestDrive 'missing-profile.log'

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-ProfileName', 'nosuchprofile')

        $code | Should -Be 1
        Get-Content -LiteralPath $log -Raw | Should -Match 'ERROR .*nosuchprofile'
    }

    It 'an invalid -Threads: exit code 1 and an ERROR line naming the value' {
        $folder = New-JobFolder 'bad-threads' -Files 1
        $log = Join-Path $TestDrive 'bad-threads.log'

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-Threads', 'fast')

        $code | Should -Be 1
        $text = Get-Content -LiteralPath $log -Raw
        $text | Should -Match "ERROR .*Threads.*'fast'"
        $text | Should -Match 'END +exit code 1'
        $text | Should -Not -Match ' OK '
    }

    It '-Threads as a number and -MaxBytesPerSecond are passed to Send-OssFile' {
        $folder = New-JobFolder 'threads-cap' -Files 2
        $log = Join-Path $TestDrive 'threads-cap.log'
        $prefix = (New-TestKey 'x').TrimEnd('x')

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-KeyPrefix', $prefix, '-Threads', '2', '-MaxBytesPerSecond', '1048576')

        $code | Should -Be 0
        @(Select-String -LiteralPath $log -Pattern ' OK +Uploaded ') | Should -HaveCount 2
    }

    It 'a region typo: exit code 1, and the log says the region was refused and what to check' {
        $folder = New-JobFolder 'region-typo' -Files 1
        $log = Join-Path $TestDrive 'region-typo.log'

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $folder, '-Bucket', $script:TestBucket, '-Endpoint', $env:OSS_ENDPOINT, '-Region', 'cn-hangzou')

        $code | Should -Be 1
        $text = Get-Content -LiteralPath $log -Raw
        $text | Should -Match "WARNING +-Region 'cn-hangzou' is not an OSS region"
        $text | Should -Match "ERROR +OSS refused the signing region 'cn-hangzou': the bucket is not in that region\. Uploading .*f1\.bin.* Check -Region .*'cn-hangzhou'.* \[OssInvalidSigningRegion"
        $text | Should -Not -Match ([regex]::Escape($script:TestSecret))
    }

    It 'a folder that does not exist: exit code 1 and the error in the log' {
        $log = Join-Path $TestDrive 'missing-folder.log'

        $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', (Join-Path $TestDrive 'no-such-folder'), '-Bucket', $script:TestBucket)

        $code | Should -Be 1
        Get-Content -LiteralPath $log -Raw | Should -Match 'ERROR .*no-such-folder'
    }

    It 'a module that cannot be imported: exit code 1 and the import error in the log' {
        $broken = Join-Path $TestDrive 'broken-module'
        $null = New-Item -ItemType Directory -Path $broken
        Copy-Item -LiteralPath $script:JobScript -Destination $broken
        Set-Content -LiteralPath (Join-Path $broken 'OssResumable.psd1') -Value "@{ RootModule = 'missing.dll'; ModuleVersion = '1.0' }"
        $log = Join-Path $TestDrive 'import.log'
        $saved = $script:JobScript
        $script:JobScript = Join-Path $broken 'Invoke-OssUploadJob.ps1'
        try {
            $code = Invoke-ScheduledJob @('-LogPath', $log, '-Path', $TestDrive, '-Bucket', $script:TestBucket)
        }
        finally {
            $script:JobScript = $saved
        }

        $code | Should -Be 1
        Get-Content -LiteralPath $log -Raw | Should -Match 'ERROR .*missing\.dll'
    }

    It 'a log that cannot be written: exit code 2' {
        $blocker = Join-Path $TestDrive 'a-file'
        Set-Content -LiteralPath $blocker -Value ''

        $code = Invoke-ScheduledJob @('-LogPath', (Join-Path $blocker 'job.log'), '-Path', $TestDrive, '-Bucket', $script:TestBucket)

        $code | Should -Be 2
    }
}
