#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of Get-OssUploadPart against the emulator. Build the module first: ./build.ps1

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule
    $script:Emu = Start-TestEmulator

    # An unfinished upload with parts 1-3 stored (100 KiB each) and part 4 refused.
    $script:File = New-TestFile -Path (Join-Path $TestDrive 'parts.bin') -Size (450KB) -Seed 1
    $script:Key = New-TestKey 'parts.bin'
    $null = Add-EmulatorFault -Spec "op=UploadPart,key=$($script:Key),part=4,action=error,status=403,code=AccessDenied,times=*"
    $null = Send-OssFile -LiteralPath $script:File.FullName -Bucket $script:TestBucket -Key $script:Key -PartSize 100KB -MultipartThreshold 100KB -Threads 1 -CheckpointDirectory (Join-Path $TestDrive 'cp') -ErrorAction SilentlyContinue
    Clear-EmulatorFault
    $script:UploadId = (Get-EmulatorUpload | Where-Object key -CEQ $script:Key).uploadId
}

AfterAll {
    Stop-TestEmulator -Emulator $script:Emu
}

Describe 'Get-OssUploadPart' {
    It 'lists the stored parts with number, size, ETag, CRC-64 and local time' {
        $parts = Get-OssUploadPart -Bucket $script:TestBucket -Key $script:Key -UploadId $script:UploadId

        $parts | Should -HaveCount 3
        $parts.PartNumber | Should -Be @(1, 2, 3)
        $parts | ForEach-Object {
            $_.GetType().FullName | Should -Be 'OssResumable.PowerShell.OssUploadPart'
            $_.Size | Should -Be 100KB
            $_.ETag | Should -Match '^"?[0-9A-Fa-f]{32}"?$'
            $_.Crc64 | Should -Match '^\d+$'
            $_.LastModified.Kind | Should -Be 'Local'
            $_.UploadId | Should -Be $script:UploadId
        }

        $expected = (Get-EmulatorUpload | Where-Object key -CEQ $script:Key).parts | Sort-Object partNumber
        $parts.Crc64 | Should -Be @($expected.crc64)
    }

    It 'takes positional -Bucket -Key -UploadId' {
        (Get-OssUploadPart $script:TestBucket $script:Key $script:UploadId) | Should -HaveCount 3
    }

    It 'takes Get-OssMultipartUpload output from the pipeline' {
        $parts = Get-OssMultipartUpload -Bucket $script:TestBucket -Key $script:Key | Get-OssUploadPart

        $parts | Should -HaveCount 3
        ($parts | Measure-Object -Property Size -Sum).Sum | Should -Be 300KB
    }

    It 'binds Bucket, Key and UploadId by property name from any object' {
        $parts = [pscustomobject]@{ Bucket = $script:TestBucket; Key = $script:Key; UploadId = $script:UploadId } | Get-OssUploadPart
        $parts | Should -HaveCount 3
    }

    It 'reports an unknown upload as OssNoSuchUpload' {
        $null = Get-OssUploadPart -Bucket $script:TestBucket -Key $script:Key -UploadId 'NOSUCHUPLOAD0000' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OssNoSuchUpload,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject.UploadId | Should -Be 'NOSUCHUPLOAD0000'
    }

    It 'fits 80 columns without cutting a CRC-64 or an ETag' {
        $parts = Get-OssUploadPart -Bucket $script:TestBucket -Key $script:Key -UploadId $script:UploadId

        Assert-FitsConsole -Text ($parts | Out-String -Width 80) -Whole (@($parts.Crc64) + @($parts.ETag | ForEach-Object { $_.Trim('"') }))
    }

    It 'formats as a table grouped by upload with human-readable sizes' {
        $text = Get-OssUploadPart -Bucket $script:TestBucket -Key $script:Key -UploadId $script:UploadId | Out-String

        $text | Should -BeLike "*Upload: $($script:UploadId)  oss://$($script:TestBucket)/$($script:Key)*"
        $text | Should -BeLike '*100 KiB*'
    }
}
