#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Resume-OssUpload against the emulator. Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # Leaves an unfinished multipart upload of $File at $Key: part 3 is refused, the rest is stored.
    function New-InterruptedUpload {
        param([string] $Name, [int] $Seed, [string] $Checkpoints, [switch] $NoCheckpoint)
        $file = New-TestFile -Path (Join-Path $TestDrive $Name) -Size 500KB -Seed $Seed
        $key = New-TestKey $Name
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$key,part=3,action=error,status=403,code=AccessDenied,times=*"
        $splat = @{ LiteralPath = $file.FullName; Bucket = $script:TestBucket; Key = $key; PartSize = 100KB; MultipartThreshold = 100KB; Threads = 1 }
        if ($Checkpoints) { $splat.CheckpointDirectory = $Checkpoints }
        $null = Send-OssFile @splat -ErrorVariable failure -ErrorAction SilentlyContinue
        Clear-EmulatorFault
        [pscustomobject]@{ File = $file; Key = $key; Error = $failure[0] }
    }
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Resume-OssUpload' {
    AfterEach {
        Clear-EmulatorFault
    }

    It 'finishes an upload from its checkpoint file' {
        $checkpoints = Join-Path $TestDrive 'cp1'
        $upload = New-InterruptedUpload -Name 'cp.bin' -Seed 1 -Checkpoints $checkpoints
        $checkpoint = Get-ChildItem $checkpoints -Filter '*.checkpoint.json'
        $checkpoint | Should -HaveCount 1

        $result = Resume-OssUpload -CheckpointPath $checkpoint.FullName

        $result.GetType().FullName | Should -Be 'OssResumable.PowerShell.OssUploadResult'
        $result.Key | Should -Be $upload.Key
        $result.Resumed | Should -BeTrue
        $result.BytesReused | Should -Be 200KB
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
        $checkpoint.FullName | Should -Not -Exist
    }

    It 'takes checkpoint files from Get-ChildItem (FullName binds -CheckpointPath)' {
        $checkpoints = Join-Path $TestDrive 'cp2'
        $upload = New-InterruptedUpload -Name 'pipe-cp.bin' -Seed 2 -Checkpoints $checkpoints

        $result = Get-ChildItem $checkpoints -Filter '*.checkpoint.json' | Resume-OssUpload

        $result.Key | Should -Be $upload.Key
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
    }

    It 'finishes an upload from a Get-OssMultipartUpload object and -LiteralPath (no checkpoint needed)' {
        $upload = New-InterruptedUpload -Name 'by-object.bin' -Seed 3 -Checkpoints (Join-Path $TestDrive 'cp3')
        Remove-Item (Join-Path $TestDrive 'cp3') -Recurse -Force

        $result = Get-OssMultipartUpload -Bucket $script:TestBucket -Key $upload.Key | Resume-OssUpload -LiteralPath $upload.File.FullName

        $result.Resumed | Should -BeTrue
        $result.UploadId | Should -Not -BeNullOrEmpty
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
        Get-EmulatorUpload | Where-Object key -CEQ $upload.Key | Should -BeNullOrEmpty
    }

    It 'finishes an upload from -Bucket -Key -UploadId -LiteralPath' {
        $upload = New-InterruptedUpload -Name 'by-id.bin' -Seed 4 -Checkpoints (Join-Path $TestDrive 'cp4')
        $uploadId = (Get-EmulatorUpload | Where-Object key -CEQ $upload.Key).uploadId

        $result = Resume-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $uploadId -LiteralPath $upload.File.FullName -Threads 2

        $result.UploadId | Should -Be $uploadId
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
    }

    It 'finishes the target object of an upload error piped to it' {
        $upload = New-InterruptedUpload -Name 'from-error.bin' -Seed 5 -Checkpoints (Join-Path $TestDrive 'cp5')
        $upload.Error.FullyQualifiedErrorId | Should -BeLike 'OssAccessDenied,*'

        $result = $upload.Error.TargetObject | Resume-OssUpload

        $result.Key | Should -Be $upload.Key
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
    }

    It 're-sends a stored part whose bytes no longer match the local file' {
        $upload = New-InterruptedUpload -Name 'changed.bin' -Seed 6 -Checkpoints (Join-Path $TestDrive 'cp6')
        $uploadId = (Get-EmulatorUpload | Where-Object key -CEQ $upload.Key).uploadId
        # Same length, different content: the stored parts must be checked by CRC-64, not trusted.
        $null = New-TestFile -Path $upload.File.FullName -Size 500KB -Seed 99

        $result = Resume-OssUpload -Bucket $script:TestBucket -Key $upload.Key -UploadId $uploadId -LiteralPath $upload.File.FullName

        $result.BytesReused | Should -Be 0
        Get-EmulatorObjectHash -Key $upload.Key | Should -Be (Get-TestFileHash $upload.File.FullName)
    }

    It '-WhatIf describes the resume and sends nothing' {
        $checkpoints = Join-Path $TestDrive 'cp7'
        $null = New-InterruptedUpload -Name 'whatif.bin' -Seed 7 -Checkpoints $checkpoints
        $checkpoint = Get-ChildItem $checkpoints -Filter '*.checkpoint.json'
        $before = Get-EmulatorRequestCount

        $verbose = Resume-OssUpload -CheckpointPath $checkpoint.FullName -WhatIf -Verbose 4>&1 | Out-String

        Get-EmulatorRequestCount | Should -Be $before
        $verbose | Should -BeLike '*2 of 5 parts recorded as done*'
        $checkpoint.FullName | Should -Exist
    }

    It 'reports a missing checkpoint as OssCheckpointNotFound' {
        $result = Resume-OssUpload -CheckpointPath (Join-Path $TestDrive 'none.checkpoint.json') -ErrorVariable failures -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssCheckpointNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports an unknown upload id as OssNoSuchUpload' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'nosuch.bin') -Size 300KB -Seed 8

        $null = Resume-OssUpload -Bucket $script:TestBucket -Key (New-TestKey 'nosuch.bin') -UploadId 'NOSUCHUPLOAD0000' -LiteralPath $file.FullName -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Match '^Oss(NoSuchUpload|UploadFailed),'
    }

    It 'resumes several checkpoints from the pipeline, one result each' {
        $checkpoints = Join-Path $TestDrive 'cp8'
        $first = New-InterruptedUpload -Name 'many1.bin' -Seed 9 -Checkpoints $checkpoints
        $second = New-InterruptedUpload -Name 'many2.bin' -Seed 10 -Checkpoints $checkpoints

        $results = Get-ChildItem $checkpoints -Filter '*.checkpoint.json' | ForEach-Object { [pscustomobject]@{ CheckpointPath = $_.FullName } } | Resume-OssUpload -Threads 4

        $results | Should -HaveCount 2
        Get-EmulatorObjectHash -Key $first.Key | Should -Be (Get-TestFileHash $first.File.FullName)
        Get-EmulatorObjectHash -Key $second.Key | Should -Be (Get-TestFileHash $second.File.FullName)
    }
}
