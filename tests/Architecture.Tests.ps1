# docs/ARCHITECTURE.md is the first page a newcomer reads: it must not name files or types that no longer exist.
BeforeDiscovery {
    $script:Root = Split-Path $PSScriptRoot -Parent
    $page = Get-Content (Join-Path $Root 'docs/ARCHITECTURE.md') -Raw
    $fenced = [regex]::Matches($page, '(?ms)^```.*?^```') | ForEach-Object Value
    $prose = [regex]::Replace($page, '(?ms)^```.*?^```', '')
    $inline = [regex]::Matches($prose, '`([^`\r\n]+)`') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
    # In the diagrams: repository paths, paths below a project (Http/RetryPolicy.cs) and Type.Member calls.
    $diagramPaths = $fenced | ForEach-Object { [regex]::Matches($_, '(?<![\w/.-])((?:src|tests|module)/[\w./-]+|[A-Z]\w+/[\w./-]+\.cs)') } |
        ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
    $diagramMembers = $fenced | ForEach-Object { [regex]::Matches($_, '\b([A-Z]\w+)\.([A-Z]\w+)\b') } |
        ForEach-Object { $_.Value } | Where-Object { $_ -notmatch '^(PartnerCenterInvoices|System)\.' } | Sort-Object -Unique

    $script:Paths = @($inline + $diagramPaths | Where-Object { $_ -match '[/*]|\.(cs|ps1|psd1|ps1xml|md|props|json)$' } | Sort-Object -Unique)
    $script:Cmdlets = @($inline | Where-Object { $_ -match '^[A-Z][a-z]+-Pc\w+$' })
    $script:Parameters = @($inline | Where-Object { $_ -match '^-\w+$' })
    $script:Types = @($inline + $diagramMembers | Where-Object { $_ -match '^[A-Z]\w+(\.[A-Z]\w+)?$' -and $_ -notmatch '\.(psd1|md|props)$' } | Sort-Object -Unique)
}

BeforeAll {
    $script:Root = Split-Path $PSScriptRoot -Parent
    $script:Sources = Get-ChildItem (Join-Path $Root 'src') -Recurse -Filter *.cs |
        Where-Object FullName -notmatch '[\\/](bin|obj)[\\/]'
    # The built module is included: dependencies/ exists only there (Test builds before it runs the specs).
    $script:Folders = Get-ChildItem (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'module'), (Join-Path $Root 'out/PartnerCenterInvoices') -Recurse -Directory -ErrorAction SilentlyContinue |
        Where-Object FullName -notmatch '[\\/](bin|obj|node_modules)([\\/]|$)' | ForEach-Object Name
    function Find-TypeFile([string] $name) {
        $Sources | Where-Object { Select-String -Path $_.FullName -Pattern "\b(class|struct|interface|enum|record)\s+$name\b" -Quiet }
    }
}

Describe 'docs/ARCHITECTURE.md' {
    It 'names at least the three projects and ten types (the checks below are not vacuous)' {
        $Paths.Count | Should -BeGreaterThan 10
        $Types.Count | Should -BeGreaterThan 10
    }

    It 'names <_>, which exists' -ForEach $Paths {
        $path = $_
        if ($path -match '\*') {
            Get-ChildItem (Join-Path $Root 'tests') -Filter $path | Should -Not -BeNullOrEmpty
        }
        elseif ($path -match '^(src|tests|module|docs)/' -or $path -notmatch '/') {
            Join-Path $Root $path | Should -Exist
        }
        elseif ($path -match '^\w+/$') {
            # A folder named inside a project's description, such as Http/ or Identity/.
            $Folders | Should -Contain $path.TrimEnd('/')
        }
        else {
            # A path below one of the projects, such as Http/RetryPolicy.cs in the diagram.
            $Sources | Where-Object { $_.FullName.Replace('\', '/').EndsWith('/' + $path) } | Should -Not -BeNullOrEmpty
        }
    }

    It 'names the type <_>, which is declared (and its member, if named)' -ForEach $Types {
        $type, $member = $_.Split('.')
        $files = @(Find-TypeFile $type)
        $files | Should -Not -BeNullOrEmpty -Because "$type is named in docs/ARCHITECTURE.md"
        if ($member) {
            ($files | Select-String -Pattern "\b$member\b" -Quiet) | Should -Contain $true -Because "$type.$member is named in docs/ARCHITECTURE.md"
        }
    }

    It 'names the cmdlet <_>, which the manifest exports' -ForEach $Cmdlets {
        (Import-PowerShellDataFile (Join-Path $Root 'PartnerCenterInvoices.psd1')).CmdletsToExport | Should -Contain $_
    }

    It 'names the parameter <_>, which a cmdlet declares' -ForEach $Parameters {
        $name = $_.TrimStart('-')
        Get-ChildItem (Join-Path $Root 'src/PartnerCenterInvoices/Commands') -Filter *.cs |
            Select-String -Pattern "public\s+[\w?<>\[\]]+\s+$name\s*\{" | Should -Not -BeNullOrEmpty
    }
}
