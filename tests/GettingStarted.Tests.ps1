# What a new user meets in the first hour, by hand: the emulator's --help, the READMEs' walkthrough,
# the demo, and a few messages and knobs that must say what they mean.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator
    $script:EmulatorDll = Join-Path $RepoRoot 'src/PartnerCenterInvoices.Emulator/bin/Release/net10.0/PartnerCenterInvoices.Emulator.dll'

    # The first ```powershell block after a heading, as a reader would copy it.
    function script:Get-ReadmeBlock([string] $Path, [string] $Heading) {
        $text = Get-Content $Path -Raw
        $start = $text.IndexOf($Heading)
        $start | Should -BeGreaterThan -1 -Because "$Path has a section '$Heading'"
        if ($text.Substring($start) -notmatch '(?s)```powershell\r?\n(.*?)```') { throw "No PowerShell block after '$Heading' in $Path" }
        $Matches[1]
    }
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Starting the emulator, then connecting, by hand' {
    It 'names the test application, its secret and the tenant in --help' {
        $help = (& dotnet $EmulatorDll --help 2>&1 | Out-String)
        $help | Should -Match '11111111-1111-1111-1111-111111111111'
        $help | Should -Match 'emulator-secret'
        $help | Should -Match 'contoso\.onmicrosoft\.com'
        $help | Should -Match 'Connect-PcAccount'
    }

    It 'runs the walkthrough of <Readme> as written, on the emulator it tells to start' -ForEach @(
        @{ Readme = 'README.md'; Heading = '### Try it by hand' }
        @{ Readme = 'src/PartnerCenterInvoices.Emulator/README.md'; Heading = '## Try it with the module' }
    ) {
        $path = Join-Path $RepoRoot $Readme
        (Get-Content $path -Raw) | Should -Match ([regex]::Escape('dotnet src/PartnerCenterInvoices.Emulator/bin/Release/net10.0/PartnerCenterInvoices.Emulator.dll --port 5001 --cert-file ./emulator.pem'))
        Test-Path $EmulatorDll | Should -BeTrue
        # The emulator under test listens on a free port, not 5001, and wrote its certificate elsewhere.
        $block = (Get-ReadmeBlock $path $Heading).Replace('https://127.0.0.1:5001', $Emulator.BaseUrl).
            Replace('./emulator.pem', $Emulator.CertificatePath).Replace('./out/PartnerCenterInvoices', $ModulePath)
        $output = Invoke-FreshPwsh $block -ImportAfter
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output -join "`n") | Should -Match 'D000000001'
        ($output -join "`n") | Should -Match 'Azure|Office|OneTime|Marketplace'
    }
}

Describe 'The demo' {
    It 'exports with Export-PcCsv and prints rows that read the same in a comma-decimal culture' {
        $script = @"
`$culture = [cultureinfo]::InvariantCulture.Clone()
`$culture.NumberFormat.NumberDecimalSeparator = ','
`$culture.NumberFormat.NumberGroupSeparator = '.'
`$culture.DateTimeFormat.ShortDatePattern = 'dd.MM.yyyy'
[cultureinfo]::CurrentCulture = `$culture
& '$(Join-Path $RepoRoot 'build.ps1')' Demo -NoBuild
"@
        $output = Invoke-Pwsh -NoProfile -NonInteractive -Command $script *>&1 | ForEach-Object { "$_" }
        $text = $output -join "`n"
        $LASTEXITCODE | Should -Be 0 -Because $text
        $text | Should -Match 'Exported \d+ recurring invoices'
        $rows = @($output | Where-Object { $_ -match '^D\d{9}\s' })
        $rows.Count | Should -Be 5
        foreach ($row in $rows) {
            $row | Should -Match '\s\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s'
            $row | Should -Match '\s-?\d+\.\d\d\s'
            $row | Should -Not -Match '\d\d\.\d\d\.\d{4}|\d,\d\d\b'
        }
    }
}

Describe 'Messages a new user reads' {
    BeforeAll {
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens" -SkipCertificateCheck).refresh_token
        Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force) `
            -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
            -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
    }

    It 'says so when the account has no summary in the currency asked for, naming those it has' {
        $result = Get-PcInvoiceSummary -CurrencyCode XYZ -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CurrencyNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match "'XYZ'.*USD"
        # A currency it has still answers without a word.
        @(Get-PcInvoiceSummary -CurrencyCode usd -ErrorAction Stop).Count | Should -Be 1
    }

    It 'names the running PowerShell release in the User-Agent' {
        $DebugPreference = 'Continue'
        $trace = Get-PcInvoice -First 1 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message
        $DebugPreference = 'SilentlyContinue'
        ($trace -join "`n") | Should -Match ([regex]::Escape("PowerShell/$($PSVersionTable.PSVersion)") + '(\s|$)')
    }

    It 'counts one page as "1 page"' {
        $verbose = Get-PcInvoiceLineItem -InvoiceId G000000002 -BillingProvider OneTime -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        ($verbose -join "`n") | Should -Match 'line items in 1 page\.'
    }

    It 'names the provider of a path outside the file system' {
        $thrown = { [pscustomobject]@{ A = 1 } | Export-PcCsv 'Env:/PcSheet' } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -Match 'drive of the Environment provider'
    }
}

Describe 'Knobs that are not for users' {
    It 'keeps the prefetch switch of the benchmarks out of the syntax of the cmdlets' {
        (Get-Command Get-PcInvoice -Syntax) | Should -Not -Match 'NoPrefetch'
        (Get-Command Get-PcInvoiceLineItem -Syntax) | Should -Not -Match 'NoPrefetch'
        (Get-Command Get-PcInvoice).Parameters.Keys | Should -Not -Contain 'NoPrefetch'
        Get-Content (Join-Path $RepoRoot 'bench/Bench.ps1') -Raw | Should -Match 'PARTNERCENTERINVOICES_PREFETCH'
    }
}
