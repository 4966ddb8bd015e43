BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 60 -Seed 11
    Connect-PcEmulator $Emulator | Out-Null
    $script:Invoices = @(Get-PcInvoice)

    # A culture with a decimal comma and day-first dates, built from the invariant one so the spec
    # means the same on a machine without ICU data.
    $script:CommaCulture = [cultureinfo]::InvariantCulture.Clone()
    $CommaCulture.NumberFormat.NumberDecimalSeparator = ','
    $CommaCulture.NumberFormat.NumberGroupSeparator = '.'
    $CommaCulture.DateTimeFormat.ShortDatePattern = 'dd.MM.yyyy'

    function script:InCommaCulture([scriptblock] $Script) {
        $before = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = $CommaCulture
        try { & $Script } finally { [cultureinfo]::CurrentCulture = $before }
    }
    $script:Invariant = [cultureinfo]::InvariantCulture
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Export-PcCsv' {
    It 'writes the columns Export-Csv would, with dates and amounts that ignore the session culture' {
        $sheet = Join-Path $TestDrive 'invoices.csv'
        $plain = Join-Path $TestDrive 'plain.csv'
        InCommaCulture {
            Get-PcInvoice | Export-PcCsv -Path $sheet
            Get-PcInvoice | Export-Csv -Path $plain
        }

        (Get-Content $sheet -TotalCount 1) | Should -BeExactly (Get-Content $plain -TotalCount 1)
        $rows = @(Import-Csv $sheet)
        $rows.Count | Should -Be $Invoices.Count
        $fractional = @($Invoices | Where-Object { $_.TotalCharges -ne [Math]::Truncate($_.TotalCharges) })
        $fractional.Count | Should -BeGreaterThan 0
        # What Export-Csv does in that culture, and why this cmdlet exists:
        (@(Import-Csv $plain) | Where-Object Id -eq $fractional[0].Id).TotalCharges | Should -Match ','

        for ($i = 0; $i -lt $rows.Count; $i++) {
            $row = $rows[$i]; $invoice = $Invoices[$i]
            $row.Id | Should -BeExactly $invoice.Id
            $row.TotalCharges | Should -Match '^-?\d+(\.\d+)?$'
            [decimal]::Parse($row.TotalCharges, $Invariant) | Should -Be $invoice.TotalCharges
            [decimal]::Parse($row.PaidAmount, $Invariant) | Should -Be $invoice.PaidAmount
            $row.InvoiceDate | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
            [DateTimeOffset]::Parse($row.InvoiceDate, $Invariant) | Should -Be $invoice.InvoiceDate
            $row.BillingPeriodStartDate | Should -BeExactly $invoice.BillingPeriodStartDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant)
            $row.InvoiceDetails | Should -BeExactly $invoice.InvoiceDetails.ToString()
            $row.InvoiceType | Should -BeExactly "$($invoice.InvoiceType)"
        }
        $rows | Where-Object { ($_.PSObject.Properties.Value -join '|') -match 'System\.|PartnerCenterInvoices\.' } | Should -BeNullOrEmpty
    }

    It 'starts the file with a UTF-8 byte-order mark, so Excel shows non-ASCII names' {
        $sheet = Join-Path $TestDrive 'bom.csv'
        [pscustomobject]@{ Customer = 'Müller GmbH'; Amount = 1.5 } | Export-PcCsv $sheet
        $bytes = [IO.File]::ReadAllBytes($sheet)
        $bytes[0..2] | Should -Be 0xEF, 0xBB, 0xBF
        (Import-Csv $sheet).Customer | Should -BeExactly 'Müller GmbH'
    }

    It 'writes line items of every provider with invariant amounts' {
        $sheet = Join-Path $TestDrive 'lines.csv'
        $lines = @(($Invoices | Select-Object -First 4 | Get-PcInvoiceLineItem) + ($Invoices | Select-Object -First 4 | Get-PcInvoiceLineItem -BillingProvider OneTime -ErrorAction SilentlyContinue))
        @($lines | ForEach-Object { $_.GetType().Name } | Select-Object -Unique).Count | Should -BeGreaterThan 2
        InCommaCulture { $lines | Export-PcCsv $sheet }
        $rows = @(Import-Csv $sheet)
        $rows.Count | Should -Be $lines.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            [decimal]::Parse($rows[$i].LineTotal, $Invariant) | Should -Be $lines[$i].LineTotal
        }
    }

    It 'appends under the existing header, in its columns, without a second header' {
        $sheet = Join-Path $TestDrive 'append.csv'
        $Invoices[0] | Select-Object Id, TotalCharges, CurrencyCode | Export-PcCsv $sheet
        # Columns in another order, one the header lacks, one missing: the header decides.
        [pscustomobject]@{ CurrencyCode = 'EUR'; Extra = 'dropped'; Id = 'G-APPENDED' } | Export-PcCsv $sheet -Append -WarningAction SilentlyContinue
        $lines = Get-Content $sheet
        $lines.Count | Should -Be 3
        $lines[0] | Should -BeExactly '"Id","TotalCharges","CurrencyCode"'
        $lines[2] | Should -BeExactly '"G-APPENDED",,"EUR"'
    }

    It 'appends to a sheet Export-Csv wrote, in its encoding, without a second byte-order mark' -ForEach @(
        @{ Encoding = 'utf8NoBOM' }, @{ Encoding = 'utf8BOM' }, @{ Encoding = 'unicode' }
    ) {
        $sheet = Join-Path $TestDrive "from-export-csv-$Encoding.csv"
        $Invoices[0..1] | Select-Object Id, CurrencyCode | Export-Csv $sheet -Encoding $Encoding
        $before = [IO.File]::ReadAllBytes($sheet).Length
        [pscustomobject]@{ Id = 'G-Müller'; CurrencyCode = 'EUR' } | Export-PcCsv $sheet -Append
        @(Import-Csv $sheet -Encoding $Encoding).Id | Should -Be $Invoices[0].Id, $Invoices[1].Id, 'G-Müller'
        $bytes = [IO.File]::ReadAllBytes($sheet)
        $tail = [byte[]]$bytes[$before..($bytes.Length - 1)]
        # No byte-order mark where the appended rows start.
        ($tail[0..2] -join ',') | Should -Not -Be '239,187,191'
        ($tail[0..1] -join ',') | Should -Not -Be '255,254'
    }

    It 'skips the #TYPE line of Windows PowerShell and starts a new line after a last row without one' {
        $sheet = Join-Path $TestDrive 'typed.csv'
        [IO.File]::WriteAllText($sheet, "#TYPE Selected.PartnerCenterInvoices.Invoice`r`n`"Id`",`"CurrencyCode`"`r`n`"G1`",`"USD`"")
        [pscustomobject]@{ CurrencyCode = 'EUR'; Id = 'G2' } | Export-PcCsv $sheet -Append
        $rows = @(Import-Csv $sheet)
        $rows.Id | Should -Be 'G1', 'G2'
        $rows.CurrencyCode | Should -Be 'USD', 'EUR'
    }

    It 'refuses to append under a header none of whose columns the objects have' {
        $sheet = Join-Path $TestDrive 'other-delimiter.csv'
        [pscustomobject]@{ Id = 'G1'; Amount = 1 } | Export-PcCsv $sheet -Delimiter ';'
        $thrown = { [pscustomobject]@{ Id = 'G2'; Amount = 2 } | Export-PcCsv $sheet -Append } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'HeaderMismatch,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidData'
        $thrown.Exception.Message | Should -Match 'Delimiter'
        @(Get-Content $sheet).Count | Should -Be 2
    }

    It 'keeps quotes, delimiters and line breaks inside a cell, and writes nested values invariantly' {
        $sheet = Join-Path $TestDrive 'awkward.csv'
        $note = "Say `"hi`",`r`nthen leave"
        InCommaCulture {
            [pscustomobject]@{ Note = $note; Dates = @($Invoices[0..1] | ForEach-Object InvoiceDate); Parts = @{ Azure = 1.5 } } | Export-PcCsv $sheet
        }
        $row = Import-Csv $sheet
        $row.Note | Should -BeExactly $note
        $row.Dates | Should -BeExactly (($Invoices[0..1] | ForEach-Object { $_.InvoiceDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", $Invariant) }) -join ';')
        $row.Parts | Should -BeExactly 'Azure=1.5'
    }

    It 'writes text a spreadsheet would run as a formula as text, numbers as they are, and formulas with -NoFormulaEscape' {
        $sheet = Join-Path $TestDrive 'formulas.csv'
        $row = [pscustomobject]@{ Customer = '=HYPERLINK("http://evil.example","Contoso")'; Description = "@SUM(A1)"; Program = "`tTab"; Amount = -12.5; Text = '-7' }
        $row | Export-PcCsv $sheet
        $read = Import-Csv $sheet
        $read.Customer | Should -BeExactly '''=HYPERLINK("http://evil.example","Contoso")'
        $read.Description | Should -BeExactly '''@SUM(A1)'
        $read.Program | Should -BeExactly "'`tTab"
        $read.Amount | Should -BeExactly '-12.5'
        $read.Text | Should -BeExactly '-7'

        $row | Export-PcCsv $sheet -NoFormulaEscape
        $raw = Import-Csv $sheet
        $raw.Customer | Should -BeExactly $row.Customer
        $raw.Description | Should -BeExactly '@SUM(A1)'
    }

    It 'refuses a path outside the file system' {
        $thrown = { $Invoices[0] | Export-PcCsv 'Env:/PcSheet' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NotFileSystemPath,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Test-Path 'Env:/PcSheet' | Should -BeFalse
    }

    It 'separates cells with -Delimiter' {
        $sheet = Join-Path $TestDrive 'semicolon.csv'
        InCommaCulture { [pscustomobject]@{ Id = 'a'; Amount = 1234.5 } | Export-PcCsv $sheet -Delimiter ';' }
        Get-Content $sheet | Should -Be '"Id";"Amount"', '"a";"1234.5"'
    }

    It 'replaces an existing file, but not with -NoClobber' {
        $sheet = Join-Path $TestDrive 'existing.csv'
        Set-Content $sheet 'keep me'
        $thrown = { $Invoices[0] | Export-PcCsv $sheet -NoClobber } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceExists'
        Get-Content $sheet | Should -BeExactly 'keep me'

        $Invoices[0] | Export-PcCsv $sheet
        (Import-Csv $sheet).Id | Should -BeExactly $Invoices[0].Id
    }

    It 'refuses a quote as the delimiter before it touches an existing file' {
        $sheet = Join-Path $TestDrive 'quote.csv'
        Set-Content $sheet 'keep me'
        $thrown = { $Invoices[0] | Export-PcCsv $sheet -Delimiter '"' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidDelimiter,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-Content $sheet | Should -BeExactly 'keep me'
    }

    It 'warns when no objects reached it, and still writes the file, as Export-Csv does' {
        $sheet = Join-Path $TestDrive 'empty.csv'
        $warnings = @() | Export-PcCsv $sheet 3>&1
        "$warnings" | Should -Match 'No objects'
        Test-Path $sheet | Should -BeTrue
    }

    It 'writes nothing with -WhatIf' {
        $sheet = Join-Path $TestDrive 'whatif.csv'
        $Invoices | Export-PcCsv $sheet -WhatIf
        Test-Path $sheet | Should -BeFalse
    }

    It 'names a missing folder, and a folder given as the file, as clear errors' {
        $thrown = { $Invoices[0] | Export-PcCsv (Join-Path $TestDrive 'no/such/folder/x.csv') } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'FolderNotFound,*'
        $thrown.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $thrown.Exception.Message | Should -Not -Match 'partial'

        $thrown = { $Invoices[0] | Export-PcCsv $TestDrive } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'replaces an existing file only when the pipeline completes, leaving nothing else in the folder' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'complete')
        $sheet = Join-Path $folder 'invoices.csv'
        Set-Content $sheet 'old'
        $streams = $Invoices | Select-Object -First 5 | Export-PcCsv $sheet -Verbose 4>&1 3>&1
        $streams | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | Should -BeNullOrEmpty
        "$streams" | Should -Match '5 rows'
        @(Import-Csv $sheet).Count | Should -Be 5
        @(Get-ChildItem $folder -Force).Name | Should -Be 'invoices.csv'
        # An upstream Select-Object -First ends its input early, but the pipeline completes.
        $Invoices | Select-Object -First 3 | Select-Object -First 2 | Export-PcCsv $sheet
        @(Import-Csv $sheet).Count | Should -Be 2
    }
}

Describe 'Export-PcCsv never drops a property silently' {
    It 'gives line items of every provider one header, whatever shape comes first' {
        $lines = @($Invoices | Select-Object -First 6 | Get-PcInvoiceLineItem)
        $shapes = @($lines | ForEach-Object { $_.GetType().Name } | Select-Object -Unique)
        $shapes.Count | Should -BeGreaterThan 2
        $sheet = Join-Path $TestDrive 'mixed-lines.csv'
        $lines | Export-PcCsv $sheet -WarningVariable warnings
        $warnings | Should -BeNullOrEmpty

        $header = @((Import-Csv $sheet | Select-Object -First 1).PSObject.Properties.Name)
        foreach ($line in $lines) {
            $line.PSObject.Properties.Name | Where-Object { $_ -notin $header } | Should -BeNullOrEmpty -Because "a $($line.GetType().Name) keeps every property"
        }
        $rows = @(Import-Csv $sheet)
        $rows.Count | Should -Be $lines.Count
        # A value only the shapes after the first have reaches its cell.
        $office = [array]::IndexOf($lines, ($lines | Where-Object { $_.PSObject.Properties['OfferName'] } | Select-Object -First 1))
        $office | Should -BeGreaterThan -1
        $rows[$office].OfferName | Should -BeExactly $lines[$office].OfferName
        $usage = [array]::IndexOf($lines, ($lines | Where-Object { $_.PSObject.Properties['ServiceName'] } | Select-Object -First 1))
        $rows[$usage].ServiceName | Should -BeExactly $lines[$usage].ServiceName

        # The same header whichever provider's lines come first.
        $reversed = Join-Path $TestDrive 'mixed-lines-reversed.csv'
        $lines[($lines.Count - 1)..0] | Export-PcCsv $reversed
        Get-Content $reversed -TotalCount 1 | Should -BeExactly (Get-Content $sheet -TotalCount 1)
    }

    It 'warns once, naming every property that has no column, when later objects bring new ones' {
        $sheet = Join-Path $TestDrive 'ragged.csv'
        [pscustomobject]@{ Id = 1 }, [pscustomobject]@{ Id = 2; Note = 'x' }, [pscustomobject]@{ Id = 3; Extra = 'y'; Note = 'z' } |
            Export-PcCsv $sheet -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Note'
        "$($warnings[0])" | Should -Match 'Extra'
        "$($warnings[0])" | Should -Match '\b2 rows\b'
        @(Import-Csv $sheet).Id | Should -Be '1', '2', '3'
    }

    It 'warns about a property added to one of the module''s objects after the first' {
        $sheet = Join-Path $TestDrive 'added.csv'
        # Fresh objects: a member added to one of $Invoices would follow it into the other specs.
        $fresh = @(Get-PcInvoice -First 3)
        $fresh[1] | Add-Member -NotePropertyName Approver -NotePropertyValue 'Ana'
        $fresh | Export-PcCsv $sheet -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Approver'
        "$($warnings[0])" | Should -Match '\b1 row\b'
    }

    It 'writes what PowerShell sees of the module''s objects: a value added with Add-Member -Force over their own' {
        # The module's objects are read through getters made once per type; what PowerShell adds on top must still win,
        # on any row, after rows with nothing added.
        $sheet = Join-Path $TestDrive 'added-members.csv'
        $fresh = @(Get-PcInvoice -First 4)
        $fresh[1] | Add-Member -NotePropertyName CurrencyCode -NotePropertyValue 'XTS' -Force
        $fresh[3] | Add-Member -NotePropertyName TotalCharges -NotePropertyValue 'n/a' -Force
        $fresh | Export-PcCsv $sheet
        $rows = @(Import-Csv $sheet)
        $rows.CurrencyCode | Should -Be $fresh[0].CurrencyCode, 'XTS', $fresh[2].CurrencyCode, $fresh[3].CurrencyCode
        $rows.TotalCharges | Should -Be (@($fresh[0..2] | ForEach-Object { $_.TotalCharges.ToString([cultureinfo]::InvariantCulture) }) + 'n/a')
    }

    It 'writes type data added to the module''s types, and notes added to the first object' {
        $sheet = Join-Path $TestDrive 'type-data.csv'
        $fresh = @(Get-PcInvoice -First 3)
        $fresh[0] | Add-Member -NotePropertyName Approver -NotePropertyValue 'Ana'
        $fresh[2] | Add-Member -NotePropertyName Approver -NotePropertyValue 'Bo'
        $fresh[2] | Add-Member -NotePropertyName TotalCharges -NotePropertyValue 'n/a' -Force
        Update-TypeData -TypeName PartnerCenterInvoices.Invoice -MemberType ScriptProperty -MemberName DoubleTotal -Value { $this.TotalCharges * 2 } -Force
        try { $fresh | Export-PcCsv $sheet } finally { Remove-TypeData -TypeName PartnerCenterInvoices.Invoice }
        $rows = @(Import-Csv $sheet)
        $rows.Approver | Should -Be 'Ana', '', 'Bo'
        $rows[0].DoubleTotal | Should -BeExactly ($fresh[0].TotalCharges * 2).ToString([cultureinfo]::InvariantCulture)
        $rows[1].DoubleTotal | Should -BeExactly ($fresh[1].TotalCharges * 2).ToString([cultureinfo]::InvariantCulture)
        # The type data's script sees the note that replaced TotalCharges on that object, as PowerShell does.
        $rows[2].DoubleTotal | Should -BeExactly 'n/an/a'
    }

    It 'writes type data of a type name given to one object with Add-Member -TypeName' {
        $sheet = Join-Path $TestDrive 'type-name.csv'
        $fresh = @(Get-PcInvoice -First 4)
        $fresh[2] | Add-Member -TypeName PcTests.Tagged
        Update-TypeData -TypeName PcTests.Tagged -MemberType ScriptProperty -MemberName TotalCharges -Value { 0 } -Force
        try { $fresh | Export-PcCsv $sheet } finally { Remove-TypeData -TypeName PcTests.Tagged }
        $expected = @($fresh.TotalCharges | ForEach-Object { $_.ToString([cultureinfo]::InvariantCulture) })
        (Import-Csv $sheet).TotalCharges | Should -Be $expected[0], $expected[1], '0', $expected[3]
    }

    It 'warns about the properties an -Append header has no column for' {
        $sheet = Join-Path $TestDrive 'append-warn.csv'
        [pscustomobject]@{ Id = 'a'; Amount = 1 } | Export-PcCsv $sheet
        [pscustomobject]@{ Id = 'b'; Amount = 2; Customer = 'Contoso' } | Export-PcCsv $sheet -Append -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'Customer'
    }
}

Describe 'A failed Export-PcCsv never looks like a finished one' {
    BeforeAll {
        function script:New-Folder([string] $Name) { New-Item -ItemType Directory (Join-Path $TestDrive $Name) }
    }

    It 'leaves an existing file as it was after an upstream error, and says how many rows it discarded' {
        $folder = New-Folder 'upstream'
        $sheet = Join-Path $folder 'invoices.csv'
        Set-Content $sheet 'keep me'
        # The warning comes as the pipeline is torn down, after -WarningVariable is done: the stream has it.
        $script:thrown = $null
        $warnings = & { try { & { $Invoices[0]; $Invoices[1]; throw 'upstream broke' } | Export-PcCsv $sheet } catch { $script:thrown = $_ } } 3>&1
        "$thrown" | Should -BeExactly 'upstream broke'
        Get-Content $sheet | Should -BeExactly 'keep me'
        @(Get-ChildItem $folder -Force).Name | Should -Be 'invoices.csv'
        "$warnings" | Should -Match 'after 2 rows'
        "$warnings" | Should -Match ([regex]::Escape("'$sheet' is as it was"))
    }

    It 'creates no file at all when the pipeline fails before the end' {
        $folder = New-Folder 'new'
        { & { $Invoices[0]; throw 'upstream broke' } | Export-PcCsv (Join-Path $folder 'new.csv') -WarningAction SilentlyContinue } | Should -Throw '*upstream broke*'
        @(Get-ChildItem $folder -Force) | Should -BeNullOrEmpty
    }

    It 'removes the rows it appended when the pipeline fails' {
        $sheet = Join-Path (New-Folder 'append') 'lines.csv'
        $Invoices[0..1] | Select-Object Id, CurrencyCode | Export-PcCsv $sheet
        $before = [IO.File]::ReadAllBytes($sheet)
        $script:thrown = $null
        $warnings = & { try { & { $Invoices[2] | Select-Object Id, CurrencyCode; throw 'upstream broke' } | Export-PcCsv $sheet -Append } catch { $script:thrown = $_ } } 3>&1
        "$thrown" | Should -BeExactly 'upstream broke'
        [IO.File]::ReadAllBytes($sheet) | Should -Be $before
        "$warnings" | Should -Match 'appended were removed'
    }

    It 'leaves an existing file as it was when the session is not connected' {
        $folder = New-Folder 'not-connected'
        $sheet = Join-Path $folder 'invoices.csv'
        Set-Content $sheet 'keep me'
        $output = Invoke-FreshPwsh "Get-PcInvoice | Export-PcCsv '$sheet'"
        "$output" | Should -Match 'Connect-PcAccount'
        Get-Content $sheet | Should -BeExactly 'keep me'
        @(Get-ChildItem $folder -Force).Name | Should -Be 'invoices.csv'
    }

    It 'leaves the target as it was when stopped (Ctrl+C), and deletes what it had written' {
        $folder = New-Folder 'stopped'
        $sheet = Join-Path $folder 'rows.csv'
        Set-Content $sheet 'keep me'
        $powershell = [powershell]::Create()
        try {
            $null = $powershell.AddScript("Import-Module '$ModulePath'; 1..100000000 | ForEach-Object { [pscustomobject]@{ N = `$_ } } | Export-PcCsv '$sheet'")
            $async = $powershell.BeginInvoke()
            # Stop once rows are on their way to disk (a staged file beside the target).
            $deadline = [datetime]::UtcNow.AddSeconds(60)
            while (-not (Get-ChildItem $folder -Force -Filter '*.partial' | Where-Object Length -gt 0) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            Get-ChildItem $folder -Force -Filter '*.partial' | Should -Not -BeNullOrEmpty
            $powershell.Stop()
            $async.IsCompleted | Should -BeTrue
        }
        finally { $powershell.Dispose() }
        Get-Content $sheet | Should -BeExactly 'keep me'
        @(Get-ChildItem $folder -Force).Name | Should -Be 'rows.csv'
    }
}

Describe 'Export-PcCsv when the service fails in the middle of the stream' {
    BeforeAll {
        # Three good pages, then every request fails, and nothing is retried.
        $script:Failing = Start-PcEmulator -Invoices 500 -Seed 3 -ExtraArguments '--fault-5xx-burst', 'every=3,length=1000000,status=500'
        Connect-PcEmulator $Failing -MaxRetry 0 | Out-Null
    }
    AfterAll {
        Stop-PcEmulator $Failing
        Connect-PcEmulator $Emulator | Out-Null
    }

    It 'keeps the previous export rather than rows that look complete' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'service-fails')
        $sheet = Join-Path $folder 'invoices.csv'
        Set-Content $sheet 'last month'
        $script:thrown = $null
        $warnings = & { try { Get-PcInvoice -PageSize 50 | Export-PcCsv $sheet } catch { $script:thrown = $_ } } 3>&1
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiServerError,*'
        # Three pages of 50 were read before the fourth request failed.
        "$warnings" | Should -Match 'after 150 rows'
        Get-Content $sheet | Should -BeExactly 'last month'
        @(Get-ChildItem $folder -Force).Name | Should -Be 'invoices.csv'
    }
}

Describe 'Export-PcCsv -LiteralPath and -Encoding' {
    It 'writes a file whose name has wildcard characters with -LiteralPath' {
        $sheet = Join-Path $TestDrive 'invoices[2025].csv'
        $Invoices[0..1] | Export-PcCsv -LiteralPath $sheet
        @(Import-Csv -LiteralPath $sheet).Id | Should -Be $Invoices[0].Id, $Invoices[1].Id
        (Get-ChildItem -LiteralPath $TestDrive).Name | Should -Contain 'invoices[2025].csv'
    }

    It 'lets -Path wildcards name one existing file, as Export-Csv does' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'wildcard')
        Set-Content (Join-Path $folder 'only.csv') 'old'
        $Invoices[0] | Export-PcCsv -Path (Join-Path $folder 'on*.csv')
        (Import-Csv (Join-Path $folder 'only.csv')).Id | Should -Be $Invoices[0].Id
        @(Get-ChildItem $folder -Force).Name | Should -Be 'only.csv'
    }

    It 'writes the encoding -Encoding names: <Name>' -ForEach @(
        @{ Name = 'utf8BOM'; Preamble = '239,187,191' }
        @{ Name = 'utf8NoBOM'; Preamble = '' }
        @{ Name = 'unicode'; Preamble = '255,254' }
    ) {
        $sheet = Join-Path $TestDrive "encoding-$Name.csv"
        [pscustomobject]@{ Customer = 'Müller GmbH' } | Export-PcCsv $sheet -Encoding $Name
        $bytes = [IO.File]::ReadAllBytes($sheet)
        $expected = if ($Preamble) { [byte[]]($Preamble -split ',') } else { [byte[]]@() }
        if ($expected.Count) { ($bytes[0..($expected.Count - 1)] -join ',') | Should -Be $Preamble }
        else { $bytes[0] | Should -Be ([byte][char]'"') }
        (Import-Csv $sheet).Customer | Should -BeExactly 'Müller GmbH'
    }

    It 'refuses an encoding it does not know, before touching the file' {
        $sheet = Join-Path $TestDrive 'bad-encoding.csv'
        Set-Content $sheet 'keep me'
        $thrown = { [pscustomobject]@{ A = 1 } | Export-PcCsv $sheet -Encoding 'klingon' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $thrown.Exception.Message | Should -Match 'utf8BOM'
        Get-Content $sheet | Should -BeExactly 'keep me'
    }
}
