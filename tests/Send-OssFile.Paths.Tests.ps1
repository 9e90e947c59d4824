#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# Pester 5 tests of the path surprises of issue 11 (point 5): brackets in a file name, a wildcard that
# matches nothing, directories piped from Get-ChildItem -Recurse.

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
