#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Stop-OssUpload against the emulator. Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # An unfinished upload (part 2 refused) with its checkpoint in $Checkpoints.
    function New-UnfinishedUpload {
        param([string] $Name, [string] $Checkpoints = (Join-Path $TestDrive 'cp'))
        $file = New-TestFile -Path (Join-Path $TestDrive $Name) -Size 300KB -Seed $Name.Length
        $key = New-TestKey $Name
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=2,action=error,status=403,code=AccessDenied,times=*"
        $null = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory $Checkpoints -ErrorVariable failure -ErrorAction SilentlyContinue
        Clear-EmulatorFault
        [pscustomobject]@{
            Key        = $key
            UploadId   = (Get-EmulatorUpload | Where-Object key -CEQ $key).uploadId
            Error      = $failure[0]
            Checkpoint = $failure[0].TargetObject.CheckpointPath
        }
    }
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Stop-OssUpload' {
    It 'is ConfirmImpact High: -WhatIf changes nothing' {
        $upload = New-UnfinishedUpload -Name 'whatif.bin'

        Stop-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $upload.UploadId -WhatIf

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -HaveCount 1
        (Get-Command Stop-OssUpload).Parameters.ContainsKey('Force') | Should -BeTrue
    }

    It '-WhatIf wins over -Force' {
        $upload = New-UnfinishedUpload -Name 'whatif-force.bin'

        Stop-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $upload.UploadId -Force -WhatIf

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -HaveCount 1
    }

    It 'aborts with -Force (no prompt), deleting the parts, and -PassThru emits the upload' {
        $upload = New-UnfinishedUpload -Name 'force.bin'

        $aborted = Stop-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $upload.UploadId -Force -PassThru

        $aborted.UploadId | Should -Be $upload.UploadId
        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
    }

    It 'aborts with -Confirm:$false' {
        $upload = New-UnfinishedUpload -Name 'confirm.bin'

        Stop-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $upload.UploadId -Confirm:$false

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
    }

    It 'cleans up old uploads from Get-OssMultipartUpload -OlderThan' {
        $first = New-UnfinishedUpload -Name 'old1.bin'
        $second = New-UnfinishedUpload -Name 'old2.bin'
        $prefix = 'pester-'

        Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $prefix -OlderThan 0s |
            Where-Object { $_.UploadId -in $first.UploadId, $second.UploadId } |
            Stop-OssUpload -Force

        Get-EmulatorUpload | Where-Object { $_.uploadId -in $first.UploadId, $second.UploadId } | Should -BeNullOrEmpty
    }

    It 'aborts piped uploads through their own endpoint and region, without connection parameters' {
        $upload = New-UnfinishedUpload -Name 'piped.bin'
        $listed = Get-OssMultipartUpload -Bucket $script:TestBucket -Key $upload.Key
        $saved = $env:OSS_ENDPOINT, $env:OSS_REGION
        try {
            # Nothing in the environment points at the emulator any more: only the objects know where they are.
            $env:OSS_ENDPOINT, $env:OSS_REGION = 'http://127.0.0.1:9', $null
            $listed | Stop-OssUpload -Force
            Stop-OssUpload -CheckpointPath $upload.Checkpoint -Force -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -ErrorVariable failures
        }
        finally {
            $env:OSS_ENDPOINT, $env:OSS_REGION = $saved
        }

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
        $upload.Checkpoint | Should -Not -Exist
    }

    It 'aborts the target object of an upload error and deletes its checkpoint' {
        $upload = New-UnfinishedUpload -Name 'error-target.bin'
        $upload.Checkpoint | Should -Exist

        $upload.Error.TargetObject | Stop-OssUpload -Force

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
        $upload.Checkpoint | Should -Not -Exist
    }

    It 'aborts the upload of a -CheckpointPath and deletes the checkpoint' {
        $upload = New-UnfinishedUpload -Name 'checkpoint.bin'

        Stop-OssUpload -CheckpointPath $upload.Checkpoint -Force

        Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -BeNullOrEmpty
        $upload.Checkpoint | Should -Not -Exist
    }

    It 'aborts the uploads of checkpoint files piped from Get-ChildItem' {
        $checkpoints = Join-Path $TestDrive 'cp-pipe'
        $first = New-UnfinishedUpload -Name 'pipe1.bin' -Checkpoints $checkpoints
        $second = New-UnfinishedUpload -Name 'pipe2.bin' -Checkpoints $checkpoints

        Get-ChildItem $checkpoints -Filter '*.checkpoint.json' | Stop-OssUpload -Force

        Get-EmulatorUpload | Where-Object { $_.uploadId -in $first.UploadId, $second.UploadId } | Should -BeNullOrEmpty
        Get-ChildItem $checkpoints -Filter '*.checkpoint.json' | Should -BeNullOrEmpty
    }

    It 'warns, without an error, when OSS no longer has the upload' {
        $upload = New-UnfinishedUpload -Name 'gone.bin'
        $null = Invoke-EmulatorAdmin -Path ("uploads/" + $upload.UploadId + "?bucket=" + $script:TestBucket) -Method DELETE

        $warnings = Stop-OssUpload -CheckpointPath $upload.Checkpoint -Force -ErrorVariable failures 3>&1

        $failures | Should -BeNullOrEmpty
        ($warnings | Out-String) | Should -BeLike '*no longer has*'
        $upload.Checkpoint | Should -Not -Exist
    }

    It 'refuses to delete the checkpoint of an upload that is running' {
        $upload = New-UnfinishedUpload -Name 'running.bin' -Checkpoints (Join-Path $TestDrive 'cp-running')
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($upload.Key),action=delay,ms=60000,times=*"
        $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($manifest, $checkpoint)
                Import-Module $manifest
                Resume-OssUpload -CheckpointPath $checkpoint
            }).AddArgument($manifest).AddArgument($upload.Checkpoint)
            $async = $ps.BeginInvoke()
            Wait-Until { (Invoke-EmulatorAdmin -Path 'faults')[0].matched -ge 1 }

            $null = Stop-OssUpload -CheckpointPath $upload.Checkpoint -Force -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssCheckpointLocked,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
            Get-EmulatorUpload | Where-Object uploadId -EQ $upload.UploadId | Should -HaveCount 1
            $ps.Stop()
            $async.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
            Clear-EmulatorFault
        }
    }

    It 'reports an invalid bucket name without sending anything' {
        $before = Get-EmulatorRequestCount
        $null = Stop-OssUpload -Bucket 'Bad_Bucket' -Key k -UploadId u -Force -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssInvalidArgument,*'
        Get-EmulatorRequestCount | Should -Be $before
    }
}
