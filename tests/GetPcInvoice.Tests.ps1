BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulators = @{}
    foreach ($total in 0, 1, 250) { $Emulators[$total] = Start-PcEmulator -Invoices $total -Seed 11 }
    $script:Offset = Start-PcEmulator -Invoices 250 -Seed 11 -Paging offset
    $script:Main = $Emulators[250]
}

AfterAll {
    Disconnect-PcAccount
    foreach ($emulator in @($Emulators.Values) + $Offset) { Stop-PcEmulator $emulator }
}

Describe 'Get-PcInvoice' {
    Context 'paging with continuation tokens, totals <total>' -ForEach @(
        @{ Total = 0 }, @{ Total = 1 }, @{ Total = 250 }
    ) {
        It 'streams every invoice across pages once with page size <_>' -ForEach 1, 7, 100, 1000 {
            $emulator = $Emulators[$Total]
            Connect-PcEmulator $emulator | Out-Null
            Reset-PcEmulatorStats $emulator

            $ids = @(Get-PcInvoice -PageSize $_ | ForEach-Object Id)

            $ids.Count | Should -Be $Total
            @($ids | Select-Object -Unique).Count | Should -Be $Total
            $expectedPages = [Math]::Max(1, [Math]::Ceiling($Total / $_))
            (Get-PcEmulatorStats $emulator).apiRequests | Should -Be $expectedPages
        }
    }

    It 'streams every invoice once over legacy offset links' {
        Connect-PcEmulator $Offset | Out-Null
        $ids = @(Get-PcInvoice -PageSize 7 | ForEach-Object Id)
        $ids.Count | Should -Be 250
        @($ids | Select-Object -Unique).Count | Should -Be 250
    }

    It 'reads the same invoices whichever way the service pages' {
        Connect-PcEmulator $Offset | Out-Null
        $byOffset = Get-PcInvoice -PageSize 100 | ForEach-Object Id
        Connect-PcEmulator $Main | Out-Null
        $byToken = Get-PcInvoice -PageSize 100 | ForEach-Object Id
        $byToken | Should -Be $byOffset
    }

    Context 'against 250 invoices' {
        BeforeAll { Connect-PcEmulator $Main | Out-Null }

        It 'filters by -InvoiceType and the two types add up to all invoices' {
            $recurring = @(Get-PcInvoice -InvoiceType Recurring)
            $oneTime = @(Get-PcInvoice -InvoiceType OneTime)

            $recurring.Count | Should -BeGreaterThan 0
            $oneTime.Count | Should -BeGreaterThan 0
            ($recurring.Count + $oneTime.Count) | Should -Be 250
            $recurring | Where-Object { $_.InvoiceType -ne 'Recurring' } | Should -BeNullOrEmpty
            $oneTime | Where-Object { $_.InvoiceType -ne 'OneTime' } | Should -BeNullOrEmpty
        }

        It 'writes typed invoices with dates, money and service enums' {
            $invoice = Get-PcInvoice -PageSize 5 | Select-Object -First 1

            $invoice.PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.Invoice'
            $invoice.InvoiceDate | Should -BeOfType [DateTimeOffset]
            $invoice.TotalCharges | Should -BeOfType [decimal]
            $invoice.PaidAmount | Should -BeOfType [decimal]
            $invoice.InvoiceType.PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.InvoiceType'
            $invoice.InvoiceType.IsKnown | Should -BeTrue
            $invoice.Id | Should -Match '\S'
            (Get-Command Get-PcInvoice).OutputType.Name | Should -Be 'PartnerCenterInvoices.Invoice'
        }

        It 'parses amendments and tax receipts from the service data' {
            $all = Get-PcInvoice -PageSize 1000
            $amended = @($all | Where-Object { $_.Amendments.Count -gt 0 })
            $amended.Count | Should -BeGreaterThan 0
            foreach ($invoice in $amended) {
                $invoice.Amendments | ForEach-Object { $_.AmendsOf | Should -Be $invoice.Id }
            }
            @($all | Where-Object { $_.TaxReceipts.Count -gt 0 }).Count | Should -BeGreaterThan 0
            @($all | ForEach-Object CurrencyCode | Select-Object -Unique).Count | Should -BeGreaterThan 2
        }

        It 'shows a default table of the main columns' {
            $table = Get-PcInvoice -PageSize 3 | Select-Object -First 3 | Format-Table | Out-String -Width 200
            $table | Should -Match 'Id\s+InvoiceDate\s+InvoiceType\s+DocumentType\s+Currency\s+TotalCharges\s+State'
        }

        It 'exports one CSV row per invoice under a header of its scalar fields and summaries' {
            $csv = Join-Path $TestDrive 'invoices.csv'
            Get-PcInvoice -InvoiceType Recurring | Export-Csv $csv -NoTypeInformation
            $expectedCount = @(Get-PcInvoice -InvoiceType Recurring).Count

            (Get-Content $csv -TotalCount 1) | Should -BeExactly ('"Id","InvoiceDate","InvoiceType","DocumentType","State","CurrencyCode","CurrencySymbol",' +
                '"TotalCharges","PaidAmount","BillingPeriodStartDate","BillingPeriodEndDate","AmendsOf","ProgramName","PdfDownloadLink",' +
                '"InvoiceDetails","TaxReceipts","Amendments"')
            $rows = Import-Csv $csv
            $rows.Count | Should -Be $expectedCount
            # The emulator's data is deterministic, so a whole row can be checked cell by cell.
            $first = Get-PcInvoice -InvoiceType Recurring -First 1
            $row = $rows[0]
            $row.Id | Should -BeExactly $first.Id
            $row.InvoiceType | Should -BeExactly 'Recurring'
            $row.DocumentType | Should -BeExactly "$($first.DocumentType)"
            $row.CurrencyCode | Should -BeExactly $first.CurrencyCode
            $row.TotalCharges | Should -BeExactly $first.TotalCharges.ToString()
            $row.PaidAmount | Should -BeExactly $first.PaidAmount.ToString()
            $row.InvoiceDate | Should -BeExactly $first.InvoiceDate.ToString()
            $row.InvoiceDetails | Should -BeExactly (($first.InvoiceDetails | ForEach-Object { "$($_.BillingProvider)/$($_.InvoiceLineItemType)" }) -join ';')
            $row.TaxReceipts | Should -BeExactly (($first.TaxReceipts | ForEach-Object Id) -join ';')
            $row.Amendments | Should -BeExactly (($first.Amendments | ForEach-Object Id) -join ';')
            $rows | Where-Object { ($_.PSObject.Properties.Value -join '|') -match 'System\.|PartnerCenterInvoices\.' } | Should -BeNullOrEmpty
        }

        It 'stops requesting pages once a downstream Select-Object -First is satisfied' {
            Reset-PcEmulatorStats $Main
            $first = @(Get-PcInvoice -PageSize 10 | Select-Object -First 3)
            $first.Count | Should -Be 3
            Start-Sleep -Milliseconds 300
            # The first page, and at most the one fetched ahead while it was written; then nothing.
            (Get-PcEmulatorStats $Main).apiRequests | Should -BeLessOrEqual 2
        }

        It 'makes exactly one small request for -First 5' {
            Reset-PcEmulatorStats $Main
            $first = @(Get-PcInvoice -First 5)
            $first.Count | Should -Be 5
            $stats = Get-PcEmulatorStats $Main
            $stats.apiRequests | Should -Be 1
            @($stats.recent | Where-Object path -eq '/v1/invoices')[0].query | Should -Be '?size=5'
        }

        It 'skips with -Skip and counts with -IncludeTotalCount' {
            $all = Get-PcInvoice -PageSize 100 | ForEach-Object Id
            $skipped = Get-PcInvoice -PageSize 100 -Skip 240 | ForEach-Object Id
            $skipped | Should -Be $all[240..249]
            $withTotal = @(Get-PcInvoice -PageSize 100 -First 2 -Skip 1 -IncludeTotalCount)
            $withTotal.Count | Should -Be 3
            $withTotal[-1].ToString() | Should -Match 'Unknown total count|Estimated total count'
            $complete = @(Get-PcInvoice -PageSize 100 -IncludeTotalCount)
            $complete[-1].ToString() | Should -Be 'Total count: 250'
        }

        It 'reads the same invoices with and without fetching ahead' {
            $ahead = Get-PcInvoice -PageSize 7 | ForEach-Object Id
            $env:PARTNERCENTERINVOICES_PREFETCH = 'off'
            try { $plain = Get-PcInvoice -PageSize 7 | ForEach-Object Id } finally { Remove-Item Env:PARTNERCENTERINVOICES_PREFETCH }
            $ahead | Should -Be $plain
            $ahead.Count | Should -Be 250
        }

        It 'filters by invoice date range on the service' {
            $all = Get-PcInvoice -PageSize 1000
            $from = [datetimeoffset]'2025-10-20T00:00:00Z'; $to = [datetimeoffset]'2025-10-25T00:00:00Z'
            $expected = @($all | Where-Object { $_.InvoiceDate -ge $from -and $_.InvoiceDate -le $to } | ForEach-Object Id)
            $expected.Count | Should -BeGreaterThan 0
            Reset-PcEmulatorStats $Main
            $got = @(Get-PcInvoice -InvoiceDateFrom $from -InvoiceDateTo $to | ForEach-Object Id)
            $got | Should -Be $expected
            (Get-PcEmulatorStats $Main).recent[0].query | Should -Match 'filter='
        }

        It 'retries transient server errors and still streams every invoice once' {
            Set-PcEmulatorFault $Main -Status 503 -Count 2
            $verbose = $null
            $ids = @(Get-PcInvoice -PageSize 100 -Verbose 4>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose += @($_.Message) } else { $_.Id } })
            $ids.Count | Should -Be 250
            @($ids | Select-Object -Unique).Count | Should -Be 250
            @($verbose | Where-Object { $_ -like 'Retry * of 4 for GET /v1/invoices*503*' }).Count | Should -Be 2
        }

        It 'reuses the session token: two reads, one token request' {
            Reset-PcEmulatorStats $Main
            Connect-PcEmulator $Main | Out-Null
            Get-PcInvoice -PageSize 100 | Out-Null
            Get-PcInvoice -PageSize 100 | Out-Null
            $stats = Get-PcEmulatorStats $Main
            $stats.tokenRequests | Should -Be 1
            $stats.apiRequests | Should -Be 6
        }

        It 'logs each request in -Verbose without the token' {
            $token = New-PcEmulatorToken $Main
            Connect-PcAccount -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -Endpoint $Main.BaseUrl `
                -TrustedServerCertificate $Main.CertificatePath | Out-Null
            $verbose = Get-PcInvoice -PageSize 100 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            @($verbose | Where-Object { $_ -match '^GET /v1/invoices\S* -> 200' }).Count | Should -Be 3
            ($verbose -join "`n") | Should -Not -Match ([regex]::Escape($token))
            Connect-PcEmulator $Main | Out-Null
        }
    }

    Context 'bad input' {
        BeforeAll { Connect-PcEmulator $Main | Out-Null }

        It 'refuses -PageSize <_> at parameter binding, before any request' -ForEach 0, -1, 1001, 2147483647 {
            Reset-PcEmulatorStats $Main
            $thrown = { Get-PcInvoice -PageSize $_ } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
            (Get-PcEmulatorStats $Main).apiRequests | Should -Be 0
        }

        It 'refuses a negative -Offset at parameter binding, before any request' {
            Reset-PcEmulatorStats $Main
            $thrown = { Get-PcInvoice -Offset -1 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
            (Get-PcEmulatorStats $Main).apiRequests | Should -Be 0
        }

        It 'refuses an unknown -InvoiceType at parameter binding' {
            $thrown = { Get-PcInvoice -InvoiceType Monthly } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        }

        It 'reports the service''s own 400 message for a bad filter, with its correlation id' {
            $thrown = { Get-PcInvoice -Filter '{"Field":"Nonsense"}' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'ApiBadRequest,PartnerCenterInvoices.Commands.GetPcInvoiceCommand'
            $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $thrown.Exception.StatusCode | Should -Be 400
            $thrown.Exception.ServiceMessage | Should -Not -BeNullOrEmpty
            $thrown.Exception.Message | Should -Match ([regex]::Escape($thrown.Exception.ServiceMessage))
            $thrown.Exception.Message | Should -Match 'CorrelationId: [0-9a-f-]{36}'
        }
    }

    Context 'service errors' {
        # No retries here: these specs are about how a final failure is reported.
        BeforeAll { Connect-PcEmulator $Main -MaxRetry 0 | Out-Null }
        AfterEach { Invoke-RestMethod -Method Delete -Uri "$($Main.BaseUrl)/_emulator/faults" -SkipCertificateCheck | Out-Null }

        It 'turns HTTP <Status> into error id <Id> with category <Category>' -ForEach @(
            @{ Status = 403; Id = 'ApiForbidden'; Category = 'PermissionDenied' }
            @{ Status = 404; Id = 'ApiNotFound'; Category = 'ObjectNotFound' }
            @{ Status = 500; Id = 'ApiServerError'; Category = 'ResourceUnavailable' }
        ) {
            Set-PcEmulatorFault $Main -Status $Status -Count 1
            $thrown = { Get-PcInvoice } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be "$Id,PartnerCenterInvoices.Commands.GetPcInvoiceCommand"
            "$($thrown.CategoryInfo.Category)" | Should -Be $Category
            $thrown.Exception.CorrelationId | Should -Match '^[0-9a-f-]{36}$'
            $thrown.Exception.Message | Should -Match "$Status"
            $thrown.ScriptStackTrace | Should -Not -Match 'at PartnerCenterInvoices\.'
        }

        It 'sends the caller''s -CorrelationId, which the service''s error then carries' {
            Set-PcEmulatorFault $Main -Status 500 -Count 1
            $mine = [guid]::NewGuid()
            $thrown = { Get-PcInvoice -CorrelationId $mine } | Should -Throw -PassThru
            $thrown.Exception.CorrelationId | Should -Be "$mine"
            $thrown.Exception.Message | Should -Match "CorrelationId: $mine"
        }

        It 'fails on a page in the middle of a stream after writing the pages before it' {
            $seen = [System.Collections.Generic.List[string]]::new()
            # Read one page, then fail every later request.
            $thrown = {
                Get-PcInvoice -PageSize 100 | ForEach-Object {
                    $seen.Add($_.Id)
                    if ($seen.Count -eq 1) { Set-PcEmulatorFault $Main -Status 500 -Count 10 }
                }
            } | Should -Throw -PassThru
            # Whole pages only: the first, and perhaps the one already fetched ahead; never part of a page.
            $seen.Count | Should -BeIn 100, 200
            @($seen | Select-Object -Unique).Count | Should -Be $seen.Count
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiServerError,*'
        }
    }
}
