#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# The repository itself: a merge that leaves conflict markers in a tracked file (a doc, a script, a test)
# builds fine when the file is not compiled, so only a check over every tracked text file finds it.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Repository' {
    It 'has no merge conflict markers in tracked text files' {
        Push-Location $script:RepoRoot
        try {
            # -I skips binary files; the markers must start a line, as git writes them.
            $found = @(git grep -I -n -E '^(<<<<<<< |>>>>>>> |=======$)' -- . 2>$null)
        }
        finally {
            Pop-Location
        }

        $found | Should -BeNullOrEmpty -Because 'a merge left these lines unresolved'
    }
}
