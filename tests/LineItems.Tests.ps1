BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 40 -Seed 3
    $script:Big = Start-PcEmulator -Invoices 2 -Seed 3 -ExtraArguments '--line-items-per-invoice', '4500'
    Connect-PcEmulator $Emulator | Out-Null
    $script:Invoices = @(Get-PcInvoice)
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
    Stop-PcEmulator $Big
}

Describe 'Get-PcInvoiceLineItem' {
    It 'reads every provider a piped invoice lists, and the billing lines add up to its total' {
        foreach ($invoice in $Invoices | Select-Object -First 12) {
            $lines = @($invoice | Get-PcInvoiceLineItem)
            $lines.Count | Should -BeGreaterThan 0
            ($lines | ForEach-Object InvoiceNumber | Select-Object -Unique) | Should -Be $invoice.Id
            ($lines | Measure-Object LineTotal -Sum).Sum | Should -Be $invoice.TotalCharges -Because "invoice $($invoice.Id)"
            $providers = @($lines | ForEach-Object { "$($_.BillingProvider)" } | Select-Object -Unique | Sort-Object)
            $providers | Should -Be @($invoice.InvoiceDetails | ForEach-Object { "$($_.BillingProvider)" } | Select-Object -Unique | Sort-Object)
        }
    }

    It 'writes each provider''s own typed shape' {
        $byType = @{}
        foreach ($invoice in $Invoices) {
            foreach ($line in @($invoice | Get-PcInvoiceLineItem)) { $byType["$($line.BillingProvider)"] = $line.PSTypeNames[0] }
            if ($byType.Count -ge 3) { break }
        }
        $expected = @{ Azure = 'PartnerCenterInvoices.UsageBasedLineItem'; Office = 'PartnerCenterInvoices.LicenseBasedLineItem'
            OneTime = 'PartnerCenterInvoices.OneTimeInvoiceLineItem'; Marketplace = 'PartnerCenterInvoices.OneTimeInvoiceLineItem' }
        $byType.Count | Should -BeGreaterOrEqual 2
        foreach ($provider in $byType.Keys) { $byType[$provider] | Should -Be $expected[$provider] }
    }

    It 'reads usage lines as daily rated usage' {
        $invoice = $Invoices | Where-Object { $_.InvoiceDetails.BillingProvider -contains 'OneTime' } | Select-Object -First 1
        $usage = @(Get-PcInvoiceLineItem -InvoiceId $invoice.Id -BillingProvider OneTime -LineItemType UsageLineItems)
        $usage.Count | Should -BeGreaterThan 0
        $usage[0].PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.DailyRatedUsageLineItem'
    }

    It 'streams thousands of lines across pages once, in both paging styles' {
        Connect-PcEmulator $Big | Out-Null
        try {
            foreach ($invoice in Get-PcInvoice) {
                foreach ($provider in $invoice.InvoiceDetails | ForEach-Object { "$($_.BillingProvider)" } | Select-Object -Unique) {
                    Reset-PcEmulatorStats $Big
                    $lines = @(Get-PcInvoiceLineItem -InvoiceId $invoice.Id -BillingProvider $provider -PageSize 1000)
                    $lines.Count | Should -Be 4500 -Because "$provider lines of $($invoice.Id)"
                    (Get-PcEmulatorStats $Big).apiRequests | Should -Be 5
                }
            }
        }
        finally { Connect-PcEmulator $Emulator | Out-Null }
    }

    It 'shows a default table of the common columns for every provider''s lines' {
        $table = $Invoices[0] | Get-PcInvoiceLineItem | Select-Object -First 2 | Format-Table | Out-String -Width 200
        $table | Should -Match 'InvoiceNumber\s+Provider\s+LineItemType\s+Currency\s+LineTotal\s+CustomerName'
    }

    It 'asks which provider when given an id alone' {
        $thrown = { Get-PcInvoiceLineItem -InvoiceId $Invoices[0].Id -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'BillingProviderRequired,*'
    }

    It 'completes -BillingProvider and -LineItemType on Tab' {
        $complete = { param($line) (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText }
        & $complete 'Get-PcInvoiceLineItem -BillingProvider M' | Should -Contain 'Marketplace'
        & $complete 'Get-PcInvoiceLineItem -LineItemType U' | Should -Contain 'UsageLineItems'
        & $complete 'Get-PcInvoice -InvoiceType O' | Should -Contain 'OneTime'
    }

    It 'exports a flat sheet: no type names or System.Object[] in any cell' {
        $csv = Join-Path $TestDrive 'lines.csv'
        $Invoices | Select-Object -First 5 | Get-PcInvoiceLineItem -BillingProvider OneTime -ErrorAction SilentlyContinue | Export-Csv $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'LineTotal'
        $rows | Where-Object { ($_.PSObject.Properties.Value -join '|') -match 'System\.|PartnerCenterInvoices\.' } | Should -BeNullOrEmpty
    }
}

Describe 'Dates without an offset' {
    # The service's dates are UTC; one sent without an offset must not take the machine's zone.
    # Each zone runs in its own pwsh, because .NET reads TZ once, when the process starts.
    It 'reads a date without an offset as UTC under TZ=<Zone>' -ForEach @(
        @{ Zone = 'Asia/Tokyo' }
        @{ Zone = 'America/New_York' }
    ) {
        $invoice = $Invoices | Where-Object { $_.InvoiceDetails.BillingProvider -contains 'OneTime' } | Select-Object -First 1
        $csv = Join-Path $TestDrive "usage-$($Zone.Replace('/', '-')).csv"
        $script = @"
`$secret = ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force
Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' -ClientSecret `$secret ``
    -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' | Out-Null
'offset=' + [TimeZoneInfo]::Local.GetUtcOffset([datetime]'2025-12-01').TotalHours
`$lines = @(Get-PcInvoiceLineItem -InvoiceId '$($invoice.Id)' -BillingProvider OneTime -LineItemType UsageLineItems -PageSize 20 | Select-Object -First 20)
`$lines | ForEach-Object { 'usage=' + `$_.UsageDate.ToString('o') }
`$lines | Export-PcCsv '$csv'
"@
        $saved = $env:TZ
        try {
            $env:TZ = $Zone
            $output = Invoke-FreshPwsh $script
        }
        finally { $env:TZ = $saved }

        # The child really ran east or west of Greenwich.
        ($output | Where-Object { $_ -like 'offset=*' }) | Should -Not -Be 'offset=0' -Because ($output -join "`n")
        $usage = @($output | Where-Object { $_ -like 'usage=*' })
        $usage.Count | Should -BeGreaterThan 0 -Because ($output -join "`n")
        $usage | Where-Object { $_ -notmatch '^usage=\d{4}-\d\d-\d\dT00:00:00\.0000000\+00:00$' } | Should -BeNullOrEmpty
        $cells = @(Import-Csv $csv).UsageDate
        $cells.Count | Should -Be $usage.Count
        $cells | Where-Object { $_ -notmatch '^\d{4}-\d\d-\d\dT00:00:00Z$' } | Should -BeNullOrEmpty
    }
}

Describe 'Get-PcInvoiceSummary' {
    It 'gives one balance per currency to an App+User sign-in' {
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
        Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force) `
            -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
            -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
        $summaries = @(Get-PcInvoiceSummary)
        $currencies = @($Invoices | ForEach-Object CurrencyCode | Select-Object -Unique | Sort-Object)
        @($summaries.CurrencyCode | Sort-Object) | Should -Be $currencies
        $summaries[0].PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.InvoiceSummary'
        $summaries[0].BalanceAmount | Should -BeOfType [decimal]
        $summaries[0].Details.Count | Should -BeGreaterThan 0
        # Export-Csv writes ToString(); a string expansion would join the list with spaces instead.
        $summaries[0].Details.ToString() | Should -Match '^(Recurring|OneTime)=-?\d+(\.\d+)?(;(Recurring|OneTime)=-?\d+(\.\d+)?)*$'
        @(Get-PcInvoiceSummary -CurrencyCode $currencies[0]).CurrencyCode | Should -Be $currencies[0]
    }

    It 'explains that an app-only sign-in may not read summaries' {
        Connect-PcEmulator $Emulator -MaxRetry 0 | Out-Null
        $thrown = { Get-PcInvoiceSummary } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiForbidden,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'App\+User'
    }
}
