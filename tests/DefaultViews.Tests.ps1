BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 60 -Seed 5
    $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
    $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
    Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret `
        -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
        -GraphEndpoint $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath | Out-Null

    $invoices = @(Get-PcInvoice)
    $script:Yen = @($invoices | Where-Object CurrencyCode -eq 'JPY')
    $lineItems = foreach ($provider in 'Azure', 'Office', 'OneTime', 'Marketplace') {
        $invoices | Where-Object { $_.InvoiceDetails.BillingProvider -contains $provider } | Select-Object -First 1 |
            Get-PcInvoiceLineItem | Where-Object BillingProvider -eq $provider | Select-Object -First 3
    }
    $newCommerce = $invoices | Where-Object Id -like 'G*' | Select-Object -First 1
    $reconciliation = @(Get-PcReconciliationLineItem $newCommerce.Id | Select-Object -First 5)
    $usage = @(Get-PcUsageLineItem $newCommerce.Id | Select-Object -First 5)
    # One sample set per default view in the format file; the key columns each must show at 80 columns.
    $script:Samples = @{
        'PartnerCenterInvoices.Invoice'         = @{ Objects = @($invoices | Select-Object -First 5) + ($Yen | Select-Object -First 2); Keys = 'Id', 'InvoiceDate', 'InvoiceType', 'DocumentType', 'Currency', 'TotalCharges', 'State' }
        'PartnerCenterInvoices.PcContext'       = @{ Objects = @(Get-PcContext); Keys = 'Account', 'TenantId', 'ApplicationId', 'AuthenticationKind', 'Environment', 'Endpoint', 'TokenExpiresOn' }
        'PartnerCenterInvoices.InvoiceLineItem' = @{ Objects = @($lineItems); Keys = 'InvoiceNumber', 'Provider', 'LineItemType', 'CustomerName', 'Currency', 'LineTotal' }
        'PartnerCenterInvoices.ReconciliationLineItem' = @{ Objects = $reconciliation; Keys = 'InvoiceNumber', 'CustomerName', 'ProductName', 'Total', 'Currency' }
        'PartnerCenterInvoices.UsageLineItem'          = @{ Objects = $usage; Keys = 'UsageDate', 'CustomerName', 'MeterName', 'Quantity', 'BillingPreTaxTotal', 'Currency' }
        'PartnerCenterInvoices.InvoiceSummary'  = @{ Objects = @(Get-PcInvoiceSummary); Keys = 'Currency', 'BalanceAmount', 'Recurring', 'OneTime', 'LatestInvoice', 'LastPayment' }
    }
    $script:ViewTypes = @(([xml](Get-Content (Join-Path $ModulePath 'PartnerCenterInvoices.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Default views' {
    It 'has samples for every view in the format file' {
        $ViewTypes | Where-Object { -not $Samples.ContainsKey($_) } | Should -BeNullOrEmpty -Because 'every default view must be rendered at 80 columns by this spec'
    }

    It '<_> fits 80 columns with every key column' -ForEach @(
        'PartnerCenterInvoices.Invoice', 'PartnerCenterInvoices.PcContext', 'PartnerCenterInvoices.InvoiceLineItem', 'PartnerCenterInvoices.InvoiceSummary'
    ) {
        $sample = $Samples[$_]
        $sample.Objects.Count | Should -BeGreaterThan 0
        $text = $sample.Objects | Out-String -Width 80
        $lines = $text -split "`r?`n"
        $lines | Where-Object Length -gt 80 | Should -BeNullOrEmpty
        foreach ($key in $sample.Keys) { $text | Should -Match "(?m)(^|\s)$key(\s|$)" -Because "the $key column must survive 80 columns" }
        # No value is cut short, but for free text in the last column (a long customer name).
        $lines | Where-Object { $_ -match '….' } | Should -BeNullOrEmpty
    }

    It 'shows yen amounts without decimals yen does not have' {
        $Yen.Count | Should -BeGreaterThan 0
        $text = $Yen | Out-String -Width 80
        $rows = @($text -split "`r?`n" | Where-Object { $_ -match '\bJPY\b' })
        $rows.Count | Should -Be $Yen.Count
        $rows | Where-Object { $_ -match '\d\.\d' } | Should -BeNullOrEmpty
        $usd = (@(Get-PcInvoice -First 20 | Where-Object CurrencyCode -eq 'USD') | Select-Object -First 1 | Out-String -Width 80)
        $usd | Should -Match '\d\.\d\d\b'
    }
}
