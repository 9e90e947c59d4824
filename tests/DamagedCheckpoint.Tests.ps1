# Issue 9, as a PowerShell user meets it: Send-OssFile runs in another pwsh that is killed, the
# checkpoint it left is damaged or deleted, and the same Send-OssFile is run again. The killed run's
# upload must be gone afterwards (it is proven ours by its upload ID record), or - when the record is
# damaged too - left alone and named in the warning. The object always equals the file.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # Starts the REAL PowerShell as a child running $Command, and returns its process. The pwsh of the
    # local tool manifest is a launcher that runs `dotnet .../pwsh.dll` as its own child, so killing
    # the launcher would leave PowerShell running: start `dotnet pwsh.dll` directly (the same files as
    # this PowerShell), or pwsh itself when this one is a native pwsh. Kept local to this file; the
    # shared helper in TestHelpers.ps1 can replace it.
    function Start-ChildPowerShell {
        param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $OutputBase)
        $program = (Get-Process -Id $PID).Path
        $entry = [System.Reflection.Assembly]::GetEntryAssembly().Location
        $arguments = @('-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command)))
        if ($entry -like '*.dll') { $arguments = @($entry) + $arguments }
        Start-Process -FilePath $program -ArgumentList $arguments -RedirectStandardOutput "$OutputBase.out" -RedirectStandardError "$OutputBase.err" -PassThru
    }

    # Runs Send-OssFile in a child PowerShell and kills it (Stop-Process -Force: SIGKILL) once two
    # parts are in its checkpoint; returns the upload ID the killed run started.
    function Invoke-KilledUpload {
        param([Parameter(Mandatory)] $File, [Parameter(Mandatory)] [string] $Key, [Parameter(Mandatory)] [string] $Checkpoints)
        # Parts 3+ are stored but their answers held, so the third part can never reach the checkpoint.
        $null = Add-EmulatorFault -Spec "op=UploadPart,key=$Key,skip=2,action=delay,ms=120000,times=*"
        $manifest = Join-Path $script:RepoRoot 'out/OssResumable/OssResumable.psd1'
        $command = "Import-Module '$manifest'; Send-OssFile -LiteralPath '$($File.FullName)' -Bucket '$script:TestBucket' -Key '$Key' -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory '$Checkpoints'"
        $child = Start-ChildPowerShell -Command $command -OutputBase (Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))
        try {
            Wait-Until { @(Get-EmulatorUpload | Where-Object key -CEQ $Key | ForEach-Object { $_.parts }).Count -ge 3 }
        }
        finally {
            Stop-Process -Id $child.Id -Force
            $null = $child.WaitForExit(30000)
        }

        $null = Clear-EmulatorFault
        $child.HasExited | Should -BeTrue
        @(Get-EmulatorUpload | Where-Object key -CEQ $Key)[0].uploadId
    }

    function Set-FileDamage {
        param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Damage)
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        switch ($Damage) {
            'truncated' { [System.IO.File]::WriteAllBytes($Path, $bytes[0..([int]($bytes.Length / 2) - 1)]) }
            'bit-flipped' {
                # In the upload ID: still JSON, but the checksum fails and the ID it names does not exist.
                $text = [System.Text.Encoding]::UTF8.GetString($bytes)
                $at = $text.IndexOf('"uploadId": "') + '"uploadId": "'.Length
                $bytes[$at] = $bytes[$at] -bxor 1
                [System.IO.File]::WriteAllBytes($Path, $bytes)
            }
            'emptied' { [System.IO.File]::WriteAllBytes($Path, [byte[]]@()) }
            'foreign JSON' { Set-Content -LiteralPath $Path -Value '{"Magic":"92611BED-89E2-46B6-89E5-72F273D4B0A3","UploadID":"0004B9894A22E5B1888A1E29F8236E2D"}' }
            'deleted' { Remove-Item -LiteralPath $Path }
            default { throw "unknown damage $Damage" }
        }
    }
}

AfterAll {
    Stop-TestEmulator $script:Emu
}

Describe 'Send-OssFile after a killed run whose checkpoint was damaged' {
    It 'aborts the killed run''s upload and uploads the file when the checkpoint is <_>' -ForEach @('truncated', 'bit-flipped', 'emptied', 'foreign JSON', 'deleted') {
        $damage = $_
        $file = New-TestFile -Path (Join-Path $TestDrive "file-$($damage -replace ' ', '-').bin") -Size 1MB -Seed 17
        $key = New-TestKey "damaged-$($damage -replace ' ', '-').bin"
        $checkpoints = Join-Path $TestDrive "cp-$($damage -replace ' ', '-')"
        $killed = Invoke-KilledUpload -File $file -Key $key -Checkpoints $checkpoints
        $checkpoint = @(Get-ChildItem -LiteralPath $checkpoints -Filter '*.checkpoint.json')
        $checkpoint | Should -HaveCount 1
        @(Get-ChildItem -LiteralPath $checkpoints -Filter '*.upload-id.json') | Should -HaveCount 1
        Set-FileDamage -Path $checkpoint[0].FullName -Damage $damage

        $result = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -CheckpointDirectory $checkpoints -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Resumed | Should -BeFalse
        $expected = if ($damage -eq 'deleted') { '*was missing (deleted?), but its upload ID record names that upload*' } else { '*cannot be used (*' }
        @($warnings | Where-Object { "$_" -like $expected }) | Should -Not -BeNullOrEmpty
        @(Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $key) | Should -BeNullOrEmpty
        @(Get-EmulatorUpload | Where-Object uploadId -EQ $killed) | Should -BeNullOrEmpty
        Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
        @(Get-ChildItem -LiteralPath $checkpoints -File | Where-Object Name -NotLike '*.lock') | Should -BeNullOrEmpty
    }

    It 'aborts nothing and names the killed run''s upload when its upload ID record is damaged too' {
        $file = New-TestFile -Path (Join-Path $TestDrive 'both.bin') -Size 1MB -Seed 18
        $key = New-TestKey 'both.bin'
        $checkpoints = Join-Path $TestDrive 'cp-both'
        $killed = Invoke-KilledUpload -File $file -Key $key -Checkpoints $checkpoints
        Set-FileDamage -Path (Get-ChildItem -LiteralPath $checkpoints -Filter '*.checkpoint.json')[0].FullName -Damage 'truncated'
        Set-FileDamage -Path (Get-ChildItem -LiteralPath $checkpoints -Filter '*.upload-id.json')[0].FullName -Damage 'truncated'

        $result = Send-OssFile -LiteralPath $file.FullName -Bucket $script:TestBucket -Key $key -PartSize 100KB -MultipartThreshold 100KB -CheckpointDirectory $checkpoints -WarningVariable warnings -WarningAction SilentlyContinue

        $result.UploadId | Should -Not -Be $killed
        Get-EmulatorObjectHash -Key $key | Should -Be (Get-TestFileHash $file.FullName)
        $named = @($warnings | Where-Object { "$_" -like '*cannot be proven ours and nothing was aborted*' })
        $named | Should -HaveCount 1
        "$($named[0])" | Should -BeLike "*$killed (initiated *"
        $left = @(Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $key)
        $left | Should -HaveCount 1
        $left[0].UploadId | Should -Be $killed

        # What the warning asks the user to do; afterwards nothing is left.
        $left | Stop-OssUpload -Force
        @(Get-OssMultipartUpload -Bucket $script:TestBucket -Prefix $key) | Should -BeNullOrEmpty
    }

    It 'leaves no upload in the emulator' {
        @(Get-EmulatorUpload) | Should -BeNullOrEmpty
    }
}
