#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Get-OssUploadCheckpoint and of "no leftovers": every way of finishing or aborting an
# upload removes its local checkpoint, lock, upload ID record and marker (issue 11, point 4).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # The default checkpoint directory of this test run: upload-ID paths look there.
    $script:SavedStateHome = $env:XDG_STATE_HOME
    $env:XDG_STATE_HOME = Join-Path $TestDrive 'state'
    $script:DefaultCheckpoints = Join-Path $env:XDG_STATE_HOME 'ossresumable/checkpoints'

    # An upload stopped by a refused part 2, with its checkpoint in the default directory (or $Checkpoints).
    function New-UnfinishedUpload {
        param([string] $Name, [string] $Checkpoints)
        $file = New-TestFile -Path (Join-Path $TestDrive $Name) -Size 300KB -Seed $Name.Length
        $key = New-TestKey $Name
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=2,action=error,status=403,code=AccessDenied,times=*"
        $where = if ($Checkpoints) { @{ CheckpointDirectory = $Checkpoints } } else { @{} }
        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 @where -ErrorAction SilentlyContinue
        Clear-EmulatorFault
        [pscustomobject]@{
            File     = $file
            Key      = $key
            UploadId = (Get-EmulatorUpload | Where-Object key -CEQ $key).uploadId
        }
    }

    # Every file the store keeps for an upload of this file stem: checkpoint, lock, record, marker, temp files.
    function Get-UploadFiles {
        param([string] $Directory = $script:DefaultCheckpoints)
        if (Test-Path $Directory) { Get-ChildItem -LiteralPath $Directory -File } else { @() }
    }
}

AfterAll {
    $env:XDG_STATE_HOME = $script:SavedStateHome
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-OssUploadCheckpoint' {
    BeforeEach {
        Get-UploadFiles | Remove-Item
    }

    It 'lists each local checkpoint: file, destination, upload ID, parts and bytes done, last written' {
        $upload = New-UnfinishedUpload -Name 'listed.bin'

        $listed = @(Get-OssUploadCheckpoint)

        $listed | Should -HaveCount 1
        $listed[0] | Should -BeOfType ([OssResumable.PowerShell.OssUploadCheckpoint])
        $listed[0].LocalPath | Should -Be $upload.File.FullName
        $listed[0].Destination | Should -Be "oss://$($script:TestBucket)/$($upload.Key)"
        $listed[0].UploadId | Should -Be $upload.UploadId
        $listed[0].PartsDone | Should -Be 1
        $listed[0].PartCount | Should -Be 3
        $listed[0].BytesDone | Should -Be 100KB
        $listed[0].Size | Should -Be 300KB
        $listed[0].LastWriteTime | Should -BeGreaterThan (Get-Date).AddMinutes(-5)
        $listed[0].CheckpointPath | Should -Exist
        $listed[0].ExistsOnOss | Should -BeNullOrEmpty
    }

    It 'lists an explicit directory, needs no credentials, and shows the whole upload ID at 80 columns' {
        $checkpoints = Join-Path $TestDrive 'explicit'
        $upload = New-UnfinishedUpload -Name 'explicit.bin' -Checkpoints $checkpoints
        $saved = $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET
        try {
            $env:OSS_ACCESS_KEY_ID = $null; $env:OSS_ACCESS_KEY_SECRET = $null
            $listed = @(Get-OssUploadCheckpoint -CheckpointDirectory $checkpoints)
        }
        finally {
            $env:OSS_ACCESS_KEY_ID, $env:OSS_ACCESS_KEY_SECRET = $saved
        }

        $listed.UploadId | Should -Be $upload.UploadId
        $table = $listed | Format-Table | Out-String -Width 80
        Assert-FitsConsole -Text $table -Whole $upload.UploadId
    }

    It '-CheckUpload says whether OSS still has each upload' {
        $kept = New-UnfinishedUpload -Name 'kept.bin'
        $gone = New-UnfinishedUpload -Name 'gone.bin'
        # Aborted elsewhere (another machine, a lifecycle rule): the checkpoint is moved away meanwhile so
        # that this abort does not delete it.
        $checkpoint = Get-UploadFiles | Where-Object { $_.Name -like '*.checkpoint.json' -and (Get-Content -Raw $_.FullName) -match $gone.UploadId }
        $aside = Join-Path $TestDrive 'aside.json'
        Move-Item -LiteralPath $checkpoint.FullName -Destination $aside
        Stop-OssUpload -Bucket $script:TestBucket -Key $gone.Key -UploadId $gone.UploadId -Force
        Move-Item -LiteralPath $aside -Destination $checkpoint.FullName

        $listed = Get-OssUploadCheckpoint -CheckUpload

        ($listed | Where-Object UploadId -EQ $kept.UploadId).ExistsOnOss | Should -BeTrue
        ($listed | Where-Object UploadId -EQ $gone.UploadId).ExistsOnOss | Should -BeFalse
    }

    It 'reports a damaged checkpoint as an error and lists the others' {
        $upload = New-UnfinishedUpload -Name 'good.bin'
        Set-Content -LiteralPath (Join-Path $script:DefaultCheckpoints 'damaged.checkpoint.json') -Value '{ not json'

        $listed = Get-OssUploadCheckpoint -ErrorVariable failures -ErrorAction SilentlyContinue

        $listed.UploadId | Should -Be $upload.UploadId
        $failures | Should -HaveCount 1
        $failures[0].Exception.Message | Should -Match 'damaged\.checkpoint\.json'
    }

    It 'an empty or missing directory lists nothing, without error' {
        Get-OssUploadCheckpoint -CheckpointDirectory (Join-Path $TestDrive 'none') -ErrorVariable failures | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }

    It 'pipes into Resume-OssUpload, which finishes the upload and leaves no file behind' {
        $upload = New-UnfinishedUpload -Name 'resume-listed.bin'

        $result = Get-OssUploadCheckpoint | Resume-OssUpload

        $result.UploadId | Should -Be $upload.UploadId
        $result.Resumed | Should -BeTrue
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
        Get-UploadFiles | Should -BeNullOrEmpty
    }

    It 'pipes into Stop-OssUpload, which aborts the upload and leaves no file behind' {
        $upload = New-UnfinishedUpload -Name 'stop-listed.bin'

        Get-OssUploadCheckpoint | Stop-OssUpload -Force

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
        Get-UploadFiles | Should -BeNullOrEmpty
    }
}

Describe 'No leftovers after finishing or aborting by upload ID' {
    BeforeEach {
        Get-UploadFiles | Remove-Item
    }

    It 'Get-OssMultipartUpload | Resume-OssUpload deletes the local checkpoint of that upload' {
        $upload = New-UnfinishedUpload -Name 'by-id-resume.bin'
        Get-UploadFiles | Should -Not -BeNullOrEmpty

        $result = Get-OssMultipartUpload -Bucket $script:TestBucket -Key $upload.Key | Resume-OssUpload -LiteralPath $upload.File.FullName

        $result.UploadId | Should -Be $upload.UploadId
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
        Get-UploadFiles | Should -BeNullOrEmpty
    }

    It 'Resume-OssUpload -Bucket -Key -UploadId deletes the local checkpoint of that upload' {
        $upload = New-UnfinishedUpload -Name 'by-id-params.bin'

        $null = Resume-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $upload.UploadId -LiteralPath $upload.File.FullName

        Get-UploadFiles | Should -BeNullOrEmpty
    }

    It 'Get-OssMultipartUpload | Stop-OssUpload deletes the local checkpoint of that upload' {
        $upload = New-UnfinishedUpload -Name 'by-id-stop.bin'

        Get-OssMultipartUpload -Bucket $script:TestBucket -Key $upload.Key | Stop-OssUpload -Force

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
        Get-UploadFiles | Should -BeNullOrEmpty
    }

    It 'leaves a checkpoint of another upload of the same key alone' {
        $upload = New-UnfinishedUpload -Name 'other-upload.bin'
        $checkpoint = Get-UploadFiles | Where-Object Name -Like '*.checkpoint.json'
        $other = New-UnfinishedUpload -Name 'other-upload.bin' -Checkpoints (Join-Path $TestDrive 'elsewhere')

        Stop-OssUpload -Bucket $script:TestBucket -Key $other.Key -UploadId $other.UploadId -Force

        $checkpoint.FullName | Should -Exist
        (Get-OssUploadCheckpoint).UploadId | Should -Be $upload.UploadId
    }

    Context 'an upload ID record left without its checkpoint (the checkpoint was deleted by hand)' {
        BeforeEach {
            $script:Orphan = New-UnfinishedUpload -Name 'record-only.bin'
            Get-UploadFiles | Where-Object Name -Like '*.checkpoint.json' | Remove-Item
            $script:Record = Get-UploadFiles | Where-Object Name -Like '*.upload-id.json'
            $script:Record | Should -HaveCount 1
        }

        It 'Get-OssUploadCheckpoint lists no checkpoint but warns of the record, naming its upload and the commands that settle it' {
            $listed = Get-OssUploadCheckpoint -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures

            $listed | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
            $warnings | Should -HaveCount 1
            "$warnings" | Should -BeLike "The upload ID record '$($script:Record.FullName)' names upload $($script:Orphan.UploadId) of '$($script:Orphan.File.FullName)'*but its checkpoint is gone*"
            "$warnings" | Should -BeLike "*Stop-OssUpload -Bucket '$($script:TestBucket)' -Key '$($script:Orphan.Key)' -UploadId '$($script:Orphan.UploadId)'*"
        }

        It 'Get-OssMultipartUpload | Stop-OssUpload removes it' {
            Get-OssMultipartUpload -Bucket $script:TestBucket -Key $script:Orphan.Key | Stop-OssUpload -Force

            Get-EmulatorUpload | Where-Object uploadId -EQ $script:Orphan.UploadId | Should -BeNullOrEmpty
            Get-UploadFiles | Should -BeNullOrEmpty
        }

        It 'Resume-OssUpload by upload ID removes it' {
            $null = Resume-OssUpload -Bucket $script:TestBucket -Key $script:Orphan.Key -UploadId $script:Orphan.UploadId -LiteralPath $script:Orphan.File.FullName

            Get-EmulatorObjectHash -Key $script:Orphan.Key | Should -Be (Get-TestFileHash $script:Orphan.File.FullName)
            Get-UploadFiles | Should -BeNullOrEmpty
        }

        It 'the next Send-OssFile of the file aborts its upload, finishes and removes it' {
            $result = Send-OssFile -LiteralPath $script:Orphan.File.FullName -Bucket $script:TestBucket -Key $script:Orphan.Key -PartSize 100KB -MultipartThreshold 100KB -WarningAction SilentlyContinue

            $result.UploadId | Should -Not -Be $script:Orphan.UploadId
            Get-EmulatorUpload | Where-Object key -CEQ $script:Orphan.Key | Should -BeNullOrEmpty
            Get-UploadFiles | Should -BeNullOrEmpty
        }
    }

    It 'Get-OssUploadCheckpoint warns of an initiation marker whose run stopped, and the next Send-OssFile removes it' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'marker.bin') -Size 300KB -Seed 9
        $key = New-TestKey 'marker.bin'
        $null = Add-EmulatorFault -Spec "op=InitiateMultipartUpload,key=$key,action=error,status=503,code=ServiceUnavailable,times=*"
        try {
            $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -MaxRetries 0 -ErrorAction SilentlyContinue
        }
        finally {
            Clear-EmulatorFault
        }
        Get-UploadFiles | Where-Object Name -Like '*.initiating' | Should -HaveCount 1

        $null = Get-OssUploadCheckpoint -WarningVariable warnings -WarningAction SilentlyContinue
        "$warnings" | Should -BeLike "The marker '*marker.bin.*.initiating' says a run stopped at * while it started a multipart upload*"

        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key
        Get-UploadFiles | Should -BeNullOrEmpty
    }

    It 'a refused Initiate leaves no marker, lock or record' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'refused.bin') -Size 300KB -Seed 5
        $key = New-TestKey 'refused.bin'
        $null = Add-EmulatorFault -Spec "op=InitiateMultipartUpload,key=$key,action=error,status=403,code=AccessDenied,times=*"
        try {
            $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally {
            Clear-EmulatorFault
        }

        $failures | Should -HaveCount 1
        Get-UploadFiles | Should -BeNullOrEmpty
    }
}
