#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Tab completion as a user gets it: every case goes through TabExpansion2, PowerShell's own entry point for
# Tab and Ctrl+Space, against the built module and the emulator.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    function Get-Completion {
        # The completion texts PowerShell offers at the end of $Line (and the tooltips, with -ToolTip).
        param([Parameter(Mandatory)] [string] $Line, [switch] $ToolTip)
        $matches = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        if ($ToolTip) { $matches.ToolTip } else { $matches.CompletionText }
    }

    # An unfinished upload with a checkpoint (part 3 is refused).
    $script:File = New-TestFile -Path (Join-Path $TestDrive 'complete me.bin') -Size 450KB -Seed 3
    $script:Key = New-TestKey 'complete.bin'
    $script:Checkpoints = Join-Path $TestDrive 'cp'
    $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($script:Key),part=3,action=error,status=403,code=AccessDenied,times=*"
    $null = Send-OssFile -LiteralPath $script:File.FullName -Bucket $script:TestBucket -Key $script:Key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory $script:Checkpoints -ErrorAction SilentlyContinue
    Clear-EmulatorFault
    $script:UploadId = (Get-EmulatorUpload | Where-Object key -CEQ $script:Key).uploadId
    $script:Checkpoint = (Get-ChildItem $script:Checkpoints -Filter '*.checkpoint.json').FullName
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Tab completion' {
    It 'completes -StorageClass, -Acl and -ServerSideEncryption with the values OSS accepts' {
        Get-Completion 'Send-OssFile -StorageClass ' | Should -Be @('Archive', 'ColdArchive', 'DeepColdArchive', 'IA', 'Standard')
        Get-Completion 'Send-OssFile -Acl public' | Should -Be @('public-read', 'public-read-write')
        Get-Completion 'Send-OssFile -ServerSideEncryption K' | Should -Be 'KMS'
        Get-Completion 'Send-OssFile -Threads a' | Should -Be 'Auto'
        Get-Completion 'Resume-OssUpload -Threads 6' | Should -Be '64'
    }

    It 'completes -Region with region ids and says where they are' {
        Get-Completion 'Get-OssMultipartUpload -Region cn-h' | Should -Be @('cn-hangzhou', 'cn-huhehaote', 'cn-heyuan', 'cn-hongkong')
        Get-Completion 'Send-OssFile -Region ap-northeast-1' -ToolTip | Should -Be 'ap-northeast-1: Japan (Tokyo)'
    }

    It 'completes -CheckpointPath with the checkpoint files of the typed folder, relative to the current location' {
        Push-Location $TestDrive
        try {
            $completed = Get-Completion 'Resume-OssUpload -CheckpointPath ./cp/'
            $tip = Get-Completion 'Stop-OssUpload -CheckpointPath ./cp/' -ToolTip
        }
        finally {
            Pop-Location
        }

        $completed | Should -Be $script:Checkpoint
        $tip | Should -BeLike "*complete me.bin -> oss://$($script:TestBucket)/$($script:Key) (2 of 5 parts done)"
    }

    It 'quotes a completed path that needs quotes' {
        $spaced = Join-Path $TestDrive 'cp with space'
        $null = New-Item -ItemType Directory -Path $spaced
        Copy-Item -LiteralPath $script:Checkpoint -Destination $spaced

        $completed = Get-Completion "Resume-OssUpload -CheckpointPath '$spaced/"

        $completed | Should -Be ("'" + (Join-Path $spaced (Split-Path $script:Checkpoint -Leaf)) + "'")
    }

    It 'completes -UploadId from the service once -Bucket and -Key are given' {
        Get-Completion "Get-OssUploadPart -Bucket $($script:TestBucket) -Key $($script:Key) -UploadId " | Should -Be $script:UploadId
        Get-Completion "Stop-OssUpload -Bucket $($script:TestBucket) -Key $($script:Key) -UploadId $($script:UploadId.Substring(0, 4))" | Should -Be $script:UploadId
        Get-Completion "Get-OssUploadPart -Bucket $($script:TestBucket) -Key $($script:Key) -UploadId " -ToolTip | Should -BeLike "oss://$($script:TestBucket)/$($script:Key) (upload $($script:UploadId), initiated *)"
    }

    It 'completes -Key with the keys that have an unfinished upload' {
        $prefix = $script:Key.Substring(0, $script:Key.IndexOf('/') + 1)
        Get-Completion "Stop-OssUpload -Bucket $($script:TestBucket) -Key $prefix" | Should -Be $script:Key
        Get-Completion "Get-OssMultipartUpload -Bucket $($script:TestBucket) -Key $prefix" | Should -Be $script:Key
    }

    It 'offers no upload ids, and sends nothing, without a bucket' {
        $before = Get-EmulatorRequestCount
        Get-Completion 'Get-OssUploadPart -UploadId ' | Should -BeNullOrEmpty
        Get-EmulatorRequestCount | Should -Be $before
    }

    It 'offers nothing, quickly and without an error, when OSS cannot be reached' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-Completion "Get-OssUploadPart -Endpoint http://127.0.0.1:9 -Region cn-hangzhou -Bucket $($script:TestBucket) -Key k -UploadId " | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}
