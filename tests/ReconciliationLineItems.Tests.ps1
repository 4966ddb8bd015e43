# Get-PcReconciliationLineItem and Get-PcUsageLineItem against the emulator's Graph billing exports and blob host.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # Quick exports: one "running" poll with Retry-After 0, 600 lines in 3 files.
    $script:Emulator = Start-PcEmulator -Invoices 12 -Seed 3 -ExportLines 600 -ExportBlobs 3 -ExportRunningPolls 1 -ExportRetryAfter 0
    Connect-PcEmulator $Emulator | Out-Null
    $script:Invoices = @(Get-PcInvoice)
    $script:NewCommerce = @($Invoices | Where-Object Id -like 'G*')
    $script:Legacy = @($Invoices | Where-Object Id -like 'D*')

    $script:ReconciliationFields = @('PartnerId', 'CustomerId', 'CustomerName', 'CustomerDomainName', 'CustomerCountry', 'InvoiceNumber', 'MpnId',
        'Tier2MpnId', 'OrderId', 'OrderDate', 'ProductId', 'SkuId', 'AvailabilityId', 'SkuName', 'ProductName', 'ChargeType', 'UnitPrice', 'Quantity',
        'Subtotal', 'TaxTotal', 'Total', 'Currency', 'PriceAdjustmentDescription', 'PublisherName', 'PublisherId', 'SubscriptionDescription',
        'SubscriptionId', 'ChargeStartDate', 'ChargeEndDate', 'TermAndBillingCycle', 'EffectiveUnitPrice', 'UnitType', 'AlternateId',
        'BillableQuantity', 'BillingFrequency', 'PricingCurrency', 'PCToBCExchangeRate', 'PCToBCExchangeRateDate', 'MeterDescription',
        'ReservationOrderId', 'CreditReasonCode', 'SubscriptionStartDate', 'SubscriptionEndDate', 'ReferenceId', 'ProductQualifiers',
        'PromotionId', 'ProductCategory')
    $script:UsageFields = @('AdditionalInfo', 'AvailabilityId', 'BenefitID', 'BenefitOrderID', 'BenefitType', 'BillingCurrency', 'BillingPreTaxTotal',
        'ChargeEndDate', 'ChargeStartDate', 'ChargeType', 'ConsumedService', 'CreditPercentage', 'CreditType', 'CustomerCountry',
        'CustomerDomainName', 'CustomerId', 'CustomerName', 'EffectiveUnitPrice', 'EntitlementDescription', 'EntitlementId', 'InvoiceNumber',
        'MeterCategory', 'MeterId', 'MeterName', 'MeterRegion', 'MeterSubCategory', 'MeterType', 'MpnId', 'PartnerEarnedCreditPercentage',
        'PartnerId', 'PartnerName', 'PCToBCExchangeRate', 'PricingCurrency', 'PricingPreTaxTotal', 'ProductId', 'ProductName', 'PublisherId',
        'PublisherName', 'Quantity', 'ResourceGroup', 'ResourceLocation', 'ResourceURI', 'ServiceInfo1', 'ServiceInfo2', 'SkuId', 'SkuName',
        'SubscriptionDescription', 'SubscriptionId', 'Tags', 'Tier2MpnId', 'Unit', 'UnitPrice', 'UnitType', 'UsageDate')

    function Get-Recent([Parameter(Mandatory)] $Emulator) { @((Get-PcEmulatorStats $Emulator).recent) }
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Get-PcReconciliationLineItem' {
    It 'streams every line of a billed invoice as a typed object with the documented field names and types' {
        $invoice = $NewCommerce[0]
        $lines = @(Get-PcReconciliationLineItem -InvoiceId $invoice.Id)
        $lines.Count | Should -Be 600
        $lines[0].PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.ReconciliationLineItem'
        @($lines[0].PSObject.Properties.Name) | Should -Be $ReconciliationFields
        ($lines.InvoiceNumber | Select-Object -Unique) | Should -Be $invoice.Id
        foreach ($name in 'UnitPrice', 'Quantity', 'Subtotal', 'TaxTotal', 'Total', 'EffectiveUnitPrice', 'BillableQuantity', 'PCToBCExchangeRate') {
            $lines[0].$name | Should -BeOfType [decimal] -Because $name
        }
        foreach ($name in 'OrderDate', 'ChargeStartDate', 'ChargeEndDate', 'PCToBCExchangeRateDate', 'SubscriptionStartDate') {
            $lines[0].$name | Should -BeOfType [DateTimeOffset] -Because $name
        }
        # The emulator sends Quantity as a JSON string, as some real files do.
        ($lines | Measure-Object Quantity -Sum).Sum | Should -BeGreaterThan 0
        @($lines.ReferenceId | Select-Object -Unique).Count | Should -Be 600
    }

    It 'takes invoices from Get-PcInvoice, ids, and any object with an Id from the pipeline' {
        $two = $NewCommerce | Select-Object -First 2
        $fromInvoices = @($two | Get-PcReconciliationLineItem)
        $fromInvoices.Count | Should -Be 1200
        @($fromInvoices.InvoiceNumber | Select-Object -Unique) | Should -Be @($two.Id)
        @($two.Id | Get-PcReconciliationLineItem).Count | Should -Be 1200
        @([pscustomobject]@{ Id = $two[0].Id; Other = 1 } | Get-PcReconciliationLineItem).Count | Should -Be 600
    }

    It 'reads the Basic attribute set: the fields it does not carry stay empty' {
        Reset-PcEmulatorStats $Emulator
        $lines = @(Get-PcReconciliationLineItem $NewCommerce[0].Id -AttributeSet Basic)
        $lines.Count | Should -Be 600
        $lines[0].CustomerId | Should -Not -BeNullOrEmpty
        $lines[0].Total | Should -BeOfType [decimal]
        foreach ($name in 'CustomerDomainName', 'CustomerCountry', 'MpnId', 'Quantity', 'PublisherId', 'UnitType') { $lines[0].$name | Should -BeNullOrEmpty -Because $name }
        (Get-Recent $Emulator | Where-Object { $_.path -like '*/reconciliation/billed/export' }).Count | Should -Be 1
    }

    It 'reads unbilled lines of the current and the last billing period' {
        $current = @(Get-PcReconciliationLineItem -BillingPeriod Current -CurrencyCode USD)
        $current.Count | Should -Be 600
        $last = @(Get-PcReconciliationLineItem -BillingPeriod Last -CurrencyCode eur -AttributeSet Basic)
        $last.Count | Should -Be 600
        ($last.Currency | Select-Object -Unique) | Should -Be 'EUR'
    }

    It 'reports a legacy invoice as an error with the service''s code and advice, and still reads the other invoices' {
        $lines = @($Legacy[0], $NewCommerce[0] | Get-PcReconciliationLineItem -ErrorVariable failures -ErrorAction SilentlyContinue)
        $lines.Count | Should -Be 600
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ExportFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.ServiceCode | Should -Be '5000'
        $failures[0].Exception.Message | Should -Match 'No data available'
        $failures[0].Exception.CorrelationId | Should -Not -BeNullOrEmpty
        $failures[0].ErrorDetails.RecommendedAction | Should -Match "Get-PcInvoiceLineItem -InvoiceId $($Legacy[0].Id)"
    }

    It 'refuses bad input before any request: <Case>' -ForEach @(
        @{ Case = 'an empty invoice id'; Run = { Get-PcReconciliationLineItem -InvoiceId '' }; Id = 'ParameterArgumentValidationError' }
        @{ Case = 'a blank invoice id'; Run = { Get-PcReconciliationLineItem -InvoiceId '  ' }; Id = 'InvalidInvoiceId' }
        @{ Case = 'a path in an invoice id'; Run = { Get-PcUsageLineItem -InvoiceId '../x' }; Id = 'InvalidInvoiceId' }
        @{ Case = 'a two-letter currency'; Run = { Get-PcReconciliationLineItem -BillingPeriod Current -CurrencyCode US }; Id = 'InvalidCurrencyCode' }
        @{ Case = 'a currency with a symbol'; Run = { Get-PcUsageLineItem -BillingPeriod Last -CurrencyCode 'U$D' }; Id = 'InvalidCurrencyCode' }
        @{ Case = 'an unknown billing period'; Run = { Get-PcUsageLineItem -BillingPeriod Next -CurrencyCode USD }; Id = 'ParameterArgumentValidationError' }
        @{ Case = '-BillingPeriod with -InvoiceId'; Run = { Get-PcReconciliationLineItem -InvoiceId G000000002 -BillingPeriod Current -CurrencyCode USD }; Id = 'AmbiguousParameterSet' }
        @{ Case = '-BillingPeriod without -CurrencyCode'; Run = { Get-PcReconciliationLineItem -BillingPeriod Current -CurrencyCode $null }; Id = 'ParameterArgumentValidationError' }
    ) {
        Reset-PcEmulatorStats $Emulator
        $thrown = { $ErrorActionPreference = 'Stop'; & $Run } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike "$Id*,*"
        (Get-PcEmulatorStats $Emulator).graphRequests | Should -Be 0
    }

    It 'keeps a field the service adds later as a column of its own, and exports flat rows' {
        $extra = Start-PcEmulator -Invoices 4 -Seed 3 -ExportLines 50 -ExportBlobs 2 -ExportRunningPolls 0 -ExtraLineField 'ServiceFeeCategory=standard'
        try {
            Connect-PcEmulator $extra | Out-Null
            $id = (Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id
            $lines = @(Get-PcReconciliationLineItem $id)
            $lines.Count | Should -Be 50
            $lines[0].ServiceFeeCategory | Should -Be 'standard'
            $csv = Join-Path $TestDrive 'extra.csv'
            $lines | Export-Csv $csv -NoTypeInformation
            $header = (Get-Content $csv -TotalCount 1)
            $header | Should -Match '"ServiceFeeCategory"'
            # PowerShell lists note properties before the type's own: the new field leads, the documented order follows.
            $header | Should -Be ((@('ServiceFeeCategory') + $ReconciliationFields | ForEach-Object { '"' + $_ + '"' }) -join ',')
            Get-Content $csv -Raw | Should -Not -Match 'System\.(Collections|Object)'
            (Import-Csv $csv)[0].ServiceFeeCategory | Should -Be 'standard'
            # Export-PcCsv reads the line's own properties by getter and the added field from each row, straight from the cmdlet too.
            $sheet = Join-Path $TestDrive 'extra-pc.csv'
            Get-PcReconciliationLineItem $id | Export-PcCsv $sheet
            (Get-Content $sheet -TotalCount 1) | Should -Be $header
            $rows = @(Import-Csv $sheet)
            $rows.Count | Should -Be 50
            @($rows.ServiceFeeCategory | Sort-Object -Unique) | Should -Be 'standard'
            $rows.ReferenceId | Should -Be $lines.ReferenceId
        }
        finally {
            Connect-PcEmulator $Emulator | Out-Null
            Stop-PcEmulator $extra
        }
    }

    It 'stops reading files when a downstream Select-Object -First has enough' {
        Reset-PcEmulatorStats $Emulator
        @(Get-PcReconciliationLineItem $NewCommerce[0].Id | Select-Object -First 5).Count | Should -Be 5
        # The default ThrottleLimit starts all three files (a window of four), and no more requests after that.
        (Get-PcEmulatorStats $Emulator).blobRequests | Should -BeLessOrEqual 3
    }

    It 'shows a default table of a few columns that fits 80 columns' {
        $table = Get-PcReconciliationLineItem $NewCommerce[0].Id | Select-Object -First 3 | Format-Table | Out-String -Width 80
        $table | Should -Match 'InvoiceNumber\s+CustomerName\s+ProductName\s+Total\s+Currency'
        $table -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $usage = Get-PcUsageLineItem $NewCommerce[0].Id | Select-Object -First 3 | Format-Table | Out-String -Width 80
        $usage | Should -Match 'UsageDate\s+CustomerName\s+MeterName\s+Quantity\s+BillingPreTaxTotal\s+Currency'
        $usage -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Get-PcUsageLineItem' {
    It 'streams billed usage with the documented field names, decimals and UTC usage dates' {
        $lines = @(Get-PcUsageLineItem -InvoiceId $NewCommerce[0].Id)
        $lines.Count | Should -Be 600
        $lines[0].PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.UsageLineItem'
        @($lines[0].PSObject.Properties.Name) | Should -Be $UsageFields
        foreach ($name in 'BillingPreTaxTotal', 'PricingPreTaxTotal', 'Quantity', 'UnitPrice', 'EffectiveUnitPrice', 'PCToBCExchangeRate') {
            $lines[0].$name | Should -BeOfType [decimal] -Because $name
        }
        $lines[0].UsageDate | Should -BeOfType [DateTimeOffset]
        $lines[0].UsageDate.Offset | Should -Be ([TimeSpan]::Zero)
        $lines[0].UsageDate.TimeOfDay | Should -Be ([TimeSpan]::Zero)
    }

    It 'reads unbilled usage of the last period with the Basic set' {
        $lines = @(Get-PcUsageLineItem -BillingPeriod Last -CurrencyCode EUR -AttributeSet Basic)
        $lines.Count | Should -Be 600
        $lines[0].MeterName | Should -BeNullOrEmpty
        $lines[0].UsageDate | Should -Not -BeNullOrEmpty
        $lines | Group-Object SubscriptionId | Should -Not -BeNullOrEmpty
    }

    It 'reads a usage date without an offset as UTC in Tokyo and New York too' {
        $id = $NewCommerce[0].Id
        $script = @"
`$secret = ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force
`$null = Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' -ClientSecret `$secret -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' -GraphEndpoint '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)'
Get-PcUsageLineItem -InvoiceId $id -AttributeSet Basic | Select-Object -First 3 | ForEach-Object { `$_.UsageDate.UtcDateTime.ToString('o') + '|' + `$_.UsageDate.Offset }
"@
        $inUtc = @(Get-PcUsageLineItem -InvoiceId $id -AttributeSet Basic | Select-Object -First 3 | ForEach-Object { $_.UsageDate.UtcDateTime.ToString('o') + '|' + $_.UsageDate.Offset })
        foreach ($zone in 'Asia/Tokyo', 'America/New_York') {
            $saved = $env:TZ
            $env:TZ = $zone
            try { $output = @(Invoke-FreshPwsh -Script $script) } finally { $env:TZ = $saved }
            $output | Should -Be $inUtc -Because $zone
        }
        $inUtc[0] | Should -Match 'T00:00:00\.0000000Z\|00:00:00$'
    }
}

Describe 'Graph billing exports: tokens and hosts' {
    It 'asks for a Graph token only when an export runs, once per session, and sends each token only to its own service' {
        Connect-PcEmulator $Emulator | Out-Null
        Reset-PcEmulatorStats $Emulator
        $null = Get-PcInvoice -First 3
        (Get-PcContext).HasGraphToken | Should -BeFalse
        (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 0
        $null = Get-PcReconciliationLineItem $NewCommerce[0].Id
        $null = Get-PcUsageLineItem $NewCommerce[1].Id -AttributeSet Basic
        $stats = Get-PcEmulatorStats $Emulator
        $stats.tokenRequests | Should -Be 1
        (Get-PcContext).HasGraphToken | Should -BeTrue
        $recent = @($stats.recent)
        $graph = @($recent | Where-Object { $_.path -like '/v1.0/*' })
        $graph.Count | Should -BeGreaterThan 4
        $graph | ForEach-Object { $_.audience | Should -Be 'graph' -Because $_.path }
        $recent | Where-Object { $_.path -like '/v1/*' } | ForEach-Object { $_.audience | Should -Be 'partnercenter' -Because $_.path }
        $blob = @($recent | Where-Object host -eq 'blob')
        $blob.Count | Should -Be 6
        $blob | ForEach-Object { $_.hasAuthorization | Should -BeFalse; $_.status | Should -Be 200 }
    }

    It 'writes one -Verbose line per Graph and storage request, with its request id, and no SAS query' {
        Reset-PcEmulatorStats $Emulator
        $verbose = @(Get-PcReconciliationLineItem $NewCommerce[0].Id -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $stats = Get-PcEmulatorStats $Emulator
        $graph = @($verbose -match '^(GET|POST) /v1\.0/\S+ -> \d{3} ')
        $blob = @($verbose -match '^GET /reconexports/\S+ -> \d{3} ')
        $graph.Count | Should -Be $stats.graphRequests -Because ($verbose -join "`n")
        $blob.Count | Should -Be $stats.blobRequests -Because ($verbose -join "`n")
        $graph | Should -Match '\(request-id [0-9a-f-]{36}\)$'
        $blob | Should -Match '\(x-ms-request-id [0-9a-f-]{36}\)$'
        $blob | Should -Not -Match '\?'
    }

    It 'redacts the SAS signature in -Verbose and -Debug output' {
        $DebugPreference = 'Continue'
        $records = @(Get-PcReconciliationLineItem $NewCommerce[0].Id -Verbose 4>&1 5>&1 | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] })
        $text = ($records | ForEach-Object Message) -join "`n"
        $text | Should -Match 'sig=\[redacted\]'
        $text | Should -Not -Match 'sig=(?!\[redacted\])'
        $text | Should -Match 'Authorization: Bearer \[redacted\]'
    }

    It 'refuses the export with ApiForbidden naming PartnerBilling.Read.All when the app has no Graph consent' {
        $unconsented = Start-PcEmulator -Invoices 2 -Seed 3 -NoGraphConsent '11111111-1111-1111-1111-111111111111'
        try {
            Connect-PcEmulator $unconsented | Out-Null
            $thrown = { Get-PcReconciliationLineItem G000000002 -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiForbidden,*'
            $thrown.Exception.Message | Should -Match 'PartnerBilling\.Read\.All'
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'PartnerBilling\.Read\.All'
            # Invoices still work with the same sign-in.
            @(Get-PcInvoice).Count | Should -Be 2
        }
        finally {
            Connect-PcEmulator $Emulator | Out-Null
            Stop-PcEmulator $unconsented
        }
    }

    It 'signs in App+User for Graph from the same refresh token, and says which consent is missing when it is' {
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
        $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
        Reset-PcEmulatorStats $Emulator
        Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret `
            -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
            -GraphEndpoint $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
        try {
            @(Get-PcReconciliationLineItem $NewCommerce[0].Id -AttributeSet Basic).Count | Should -Be 600
            (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 2
        }
        finally { Connect-PcEmulator $Emulator | Out-Null }

        $unconsented = Start-PcEmulator -Invoices 2 -Seed 3 -NoGraphConsent '11111111-1111-1111-1111-111111111111'
        try {
            $refresh = (Invoke-RestMethod -Method Post -Uri "$($unconsented.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
            Connect-PcAccount -ApplicationId $unconsented.ApplicationId -TenantId $unconsented.TenantId -ClientSecret $secret `
                -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $unconsented.BaseUrl -AuthorityHost $unconsented.BaseUrl `
                -GraphEndpoint $unconsented.BaseUrl -TrustedServerCertificate $unconsented.CertificatePath | Out-Null
            $thrown = { Get-PcUsageLineItem G000000002 -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
            $thrown.Exception.Message | Should -Match 'PartnerBilling\.Read\.All'
            (Get-PcEmulatorStats $unconsented).graphRequests | Should -Be 0
        }
        finally {
            Connect-PcEmulator $Emulator | Out-Null
            Stop-PcEmulator $unconsented
        }
    }

    It 'uses a brought Graph token beside a brought Partner Center token, and says when there is none' {
        $pcToken = ConvertTo-SecureString (New-PcEmulatorToken $Emulator) -AsPlainText -Force
        $graphToken = ConvertTo-SecureString (New-PcEmulatorToken $Emulator -Audience 'https://graph.microsoft.com') -AsPlainText -Force
        $common = @{ Endpoint = $Emulator.BaseUrl; GraphEndpoint = $Emulator.BaseUrl; TrustedServerCertificate = $Emulator.CertificatePath }
        try {
            Connect-PcAccount -AccessToken $pcToken @common | Out-Null
            $thrown = { Get-PcReconciliationLineItem G000000002 -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'GraphTokenMissing,*'
            $thrown.ErrorDetails.RecommendedAction | Should -Match '-GraphAccessToken'

            $context = Connect-PcAccount -AccessToken $pcToken -GraphAccessToken $graphToken @common
            $context.HasGraphToken | Should -BeTrue
            @(Get-PcReconciliationLineItem $NewCommerce[0].Id).Count | Should -Be 600
            @(Get-PcInvoice -First 1).Count | Should -Be 1
        }
        finally { Connect-PcEmulator $Emulator | Out-Null }
    }

    It 'says before any request that <Environment> has no Graph billing exports' -ForEach @(@{ Environment = 'China' }, @{ Environment = 'USGovernment' }) {
        $token = ConvertTo-SecureString (New-PcEmulatorToken $Emulator) -AsPlainText -Force
        try {
            Connect-PcAccount -AccessToken $token -GraphAccessToken $token -Environment $Environment -Endpoint $Emulator.BaseUrl `
                -GraphEndpoint $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
            Reset-PcEmulatorStats $Emulator
            $thrown = { Get-PcUsageLineItem -BillingPeriod Current -CurrencyCode USD -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'GraphBillingNotAvailable,*'
            $thrown.Exception.Message | Should -Match 'public cloud'
            (Get-PcEmulatorStats $Emulator).graphRequests | Should -Be 0
        }
        finally { Connect-PcEmulator $Emulator | Out-Null }
    }
}

Describe 'Get-PcInvoiceLineItem after v1 line items moved to Graph' {
    It 'points to Get-PcReconciliationLineItem instead of returning nothing' {
        $retired = Start-PcEmulator -Invoices 4 -Seed 3 -RetireV1LineItems
        try {
            Connect-PcEmulator $retired | Out-Null
            $invoice = Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1
            $thrown = { Get-PcInvoiceLineItem -InvoiceId $invoice.Id -BillingProvider OneTime -ErrorAction Stop } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'LineItemsMovedToGraph,*'
            $thrown.Exception.Message | Should -Match "Get-PcReconciliationLineItem -InvoiceId $($invoice.Id)"
            $usage = { Get-PcInvoiceLineItem -InvoiceId $invoice.Id -BillingProvider OneTime -LineItemType UsageLineItems -ErrorAction Stop } | Should -Throw -PassThru
            $usage.Exception.Message | Should -Match 'Get-PcUsageLineItem'
            # The command it names works for that invoice.
            @(Get-PcReconciliationLineItem -InvoiceId $invoice.Id -AttributeSet Basic).Count | Should -BeGreaterThan 0
        }
        finally {
            Connect-PcEmulator $Emulator | Out-Null
            Stop-PcEmulator $retired
        }
    }
}
