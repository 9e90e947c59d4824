#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Send-OssFile -SkipUnchanged (issue 11, point 2) and of honest progress after a resume
# (point 3), against the emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator
    $script:Checkpoints = Join-Path $TestDrive 'cp'

    function Get-WriteCount {
        $stats = Invoke-EmulatorAdmin -Path 'stats'
        [long]$stats.requests.PutObject + [long]$stats.requests.UploadPart + [long]$stats.requests.InitiateMultipartUpload
    }
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Send-OssFile -SkipUnchanged' {
    BeforeAll {
        $script:Folder = Join-Path $TestDrive 'batch'
        $null = New-Item -ItemType Directory -Path $script:Folder
        1..5 | ForEach-Object { $null = New-TestFile -Path (Join-Path $script:Folder "small$_.bin") -Size (10KB * $_) -Seed $_ }
        $script:Big = New-TestFile -Path (Join-Path $script:Folder 'big.bin') -Size 350KB -Seed 9
        $script:Prefix = (New-TestKey 'x').TrimEnd('x')
        $script:Upload = @{ Bucket = $script:TestBucket; KeyPrefix = $script:Prefix; PartSize = 100KB; MultipartThreshold = 100KB; CheckpointDirectory = $script:Checkpoints }
        $script:First = Get-ChildItem -LiteralPath $script:Folder -File | Send-OssFile @script:Upload
    }

    It 'skips every unchanged file (multipart objects included): Status Skipped, nothing sent, no error' {
        $before = Get-WriteCount

        $results = Get-ChildItem -LiteralPath $script:Folder -File | Send-OssFile @script:Upload -SkipUnchanged -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $results | Should -HaveCount 6
        $results.Status | Sort-Object -Unique | Should -Be 'Skipped'
        ($results | Measure-Object BytesSent -Sum).Sum | Should -Be 0
        ($results | Where-Object LocalPath -EQ $script:Big.FullName).Crc64 | Should -Be ($script:First | Where-Object LocalPath -EQ $script:Big.FullName).Crc64
        Get-WriteCount | Should -Be $before
        $?  | Should -BeTrue
    }

    It 'uploads a changed file (same length, other bytes) and skips the rest' {
        $changed = Join-Path $script:Folder 'small2.bin'
        $null = New-TestFile -Path $changed -Size 20KB -Seed 77

        $results = Get-ChildItem -LiteralPath $script:Folder -File | Send-OssFile @script:Upload -SkipUnchanged

        ($results | Where-Object Status -EQ 'Uploaded').LocalPath | Should -Be $changed
        @($results | Where-Object Status -EQ 'Skipped') | Should -HaveCount 5
        Get-EmulatorObjectHash -Key ($script:Prefix + 'small2.bin') | Should -Be (Get-TestFileHash $changed)
    }

    It 'with -NoOverwrite an identical object is a skip, not a 409, and a different one is still refused' {
        $different = Join-Path $script:Folder 'small3.bin'
        $null = New-TestFile -Path $different -Size 30KB -Seed 78

        $results = Get-ChildItem -LiteralPath $script:Folder -File | Send-OssFile @script:Upload -SkipUnchanged -NoOverwrite -ErrorVariable failures -ErrorAction SilentlyContinue

        @($results | Where-Object Status -EQ 'Skipped') | Should -HaveCount 5
        $failures | Should -HaveCount 1
        "$($failures[0].TargetObject) $($failures[0].Exception.Message)" | Should -Match 'small3\.bin'
        $failures[0].Exception.Message | Should -Not -Match 'small[1245]\.bin|big\.bin'
    }

    It 'writes a summary that counts skipped, uploaded and failed files on the Information stream' {
        $summary = Get-ChildItem -LiteralPath $script:Folder -File -Filter 'small*' |
            Send-OssFile @script:Upload -SkipUnchanged 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }

        "$summary" | Should -Match '^Send-OssFile: 1 uploaded, 4 skipped \(unchanged\), 0 failed; '
        $summary.Tags | Should -Contain 'Summary'
    }

    It 'shows the skip in -WhatIf and sends nothing' {
        $before = Get-EmulatorRequestCount

        $text = Send-OssFile -LiteralPath $script:Big.FullName @script:Upload -SkipUnchanged -WhatIf -Verbose 4>&1 | Out-String

        $text | Should -Match 'unless the object already holds the same bytes'
        Get-EmulatorRequestCount | Should -Be $before
    }
}

Describe 'Honest progress after a resume' {
    It 'the rate counts only the bytes sent in this session, not the parts already stored' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'resume-rate.bin') -Size 1MB -Seed 3
        $key = New-TestKey 'resume-rate.bin'
        # An earlier run stored 8 of 10 parts; then the link is slowed to 64 KiB/s for the last 2 (about 3 s).
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=9,action=error,status=403,code=AccessDenied,times=*"
        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory $script:Checkpoints -ErrorAction SilentlyContinue
        Clear-EmulatorFault
        $null = Invoke-EmulatorAdmin -Method Put -Path 'link' -Body 'per-connection=64KB/s' -ContentType 'text/plain'
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$(Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1')'; " +
                "Get-ChildItem '$($script:Checkpoints)' -Filter *.checkpoint.json | Resume-OssUpload -Threads 1")
            $result = $ps.Invoke()
            $records = @($ps.Streams.Progress | Where-Object { $_.ActivityId -eq 1 -and $_.RecordType -eq 'Processing' })
            $ps.Dispose()
        }
        finally {
            $null = Invoke-EmulatorAdmin -Method Delete -Path 'link'
        }

        $result.Resumed | Should -BeTrue
        $result.BytesReused | Should -Be 800KB
        $rates = foreach ($record in $records) {
            if ($record.StatusDescription -match ', ([\d.]+) (B|KiB|MiB)/s') {
                [double]$Matches[1] * @{ 'B' = 1; 'KiB' = 1KB; 'MiB' = 1MB }[$Matches[2]]
            }
        }
        $rates | Should -Not -BeNullOrEmpty -Because 'a rate is shown once a second of samples exists'
        # 64 KB/s is 62.5 KiB/s; counting the 800 KB already stored would show hundreds of KiB/s.
        ($rates | Measure-Object -Maximum).Maximum | Should -BeLessThan 100KB
        $records[-1].StatusDescription | Should -Match 'of 1 MiB'
    }
}
