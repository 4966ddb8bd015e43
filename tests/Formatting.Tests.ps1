# .editorconfig is the one formatting standard. dotnet format checks the C# in build.ps1 Test; this
# checks what dotnet format does not read: scripts, manifests, views and project files.
BeforeDiscovery {
    $root = Split-Path $PSScriptRoot -Parent
    # Filtered here rather than by git pathspecs: pwsh on Linux would expand '*.ps1' before git saw it.
    $script:Files = @(git -C $root ls-files | Where-Object {
            $_ -match '\.(ps1|psm1|psd1|ps1xml|json|csproj|props|slnx|txt)$|^\.editorconfig$|^\.gitignore$|^\.ci/run$' -and
            $_ -notmatch '(^|/)(Samples|node_modules)/|package-lock\.json$'
        })
}

BeforeAll {
    $script:Root = Split-Path $PSScriptRoot -Parent
}

Describe 'Formatting of files dotnet format does not read' {
    It 'finds the files git tracks (the check is not vacuous)' {
        $Files.Count | Should -BeGreaterThan 20
    }

    It '<_> has LF line ends, a final line break, no trailing whitespace and no tab indentation' -ForEach $Files {
        $text = [IO.File]::ReadAllText((Join-Path $Root $_))
        $text | Should -Not -Match "`r" -Because 'line ends are LF'
        if ($text.Length -gt 0) { $text[-1] | Should -Be "`n" -Because 'the last line ends' }
        $text | Should -Not -Match '(?m)[ \t]+$' -Because 'no line ends in whitespace'
        $text | Should -Not -Match '(?m)^\t' -Because 'indentation is spaces'
    }
}
