# The export engine: several files of one export read at once, the lines still in manifest order, and a
# downstream Select-Object -First that stops every download. Against the emulator's blob host, paced
# per download (--blob-bytes-per-second) so that a download in flight is one that can be seen.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # 16,000 lines over 8 files of about 0.55 MB gzipped each; each download paced to 400 KB/s.
    $script:Emulator = Start-PcEmulator -Invoices 6 -Seed 5 -ExportLines 16000 -ExportBlobs 8 -ExportRunningPolls 0 -ExportRetryAfter 0 `
        -BlobBytesPerSecond 400000
    Connect-PcEmulator $Emulator | Out-Null
    $script:InvoiceId = @(Get-PcInvoice | Where-Object Id -like 'G*')[0].Id
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Files of one export read at once' {
    It 'gives the same lines in the same order with -ThrottleLimit 1, the default and 8, and reads them faster side by side' {
        $one = Measure-Command { $script:serial = @(Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit 1 | ForEach-Object ReferenceId) }
        $four = Measure-Command { $script:parallel = @(Get-PcReconciliationLineItem $InvoiceId | ForEach-Object ReferenceId) }
        $eight = @(Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit 8 | ForEach-Object ReferenceId)
        $serial.Count | Should -Be 16000
        @($serial | Select-Object -Unique).Count | Should -Be 16000
        # Compared whole, element by element: the same order, not merely the same set.
        ($parallel -join ',') | Should -BeExactly ($serial -join ',')
        ($eight -join ',') | Should -BeExactly ($serial -join ',')
        # Paced at 400 KB/s per download, 8 files one after another take about 11 s; four at a time about a quarter.
        $one.TotalSeconds / $four.TotalSeconds | Should -BeGreaterThan 2 -Because "one at a time took $($one.TotalSeconds) s, four at a time $($four.TotalSeconds) s"
    }

    It 'stops every download at once when Select-Object -First has enough, leaving no connection sending' {
        Reset-PcEmulatorStats $Emulator
        $took = Measure-Command { $first = @(Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit 4 | Select-Object -First 10) }
        $first.Count | Should -Be 10
        $took.TotalSeconds | Should -BeLessThan 5
        $stats = Get-PcEmulatorStats $Emulator
        # Four files were started (the window), none beyond it.
        $stats.blobRequests | Should -Be 4
        # The emulator may still count what its socket buffers took before the connection's end reached it, and
        # .NET reads what is left of an abandoned body (at most 1 MB, for at most 2 s) to reuse the connection;
        # after that, a download left running would keep sending at 400 KB/s per file.
        Start-Sleep -Seconds 3
        $settled = Get-PcEmulatorStats $Emulator
        Start-Sleep -Seconds 2
        $later = Get-PcEmulatorStats $Emulator
        $later.blobBytesSent | Should -Be $settled.blobBytesSent -Because 'no download goes on after the pipeline ends'
        $later.blobRequests | Should -Be 4
        $later.blobBytesSent | Should -BeLessThan 2500000 -Because 'the export is about 4.5 MB and far from all of it was sent'
    }

    It 'refuses a -ThrottleLimit of <Value>' -ForEach @(@{ Value = 0 }, @{ Value = 33 }) {
        { Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit $Value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,PartnerCenterInvoices.Commands.GetPcReconciliationLineItemCommand'
    }
}

Describe 'Many invoices at once' {
    BeforeAll {
        # Every export takes 6 s to prepare, polled each second (Retry-After 1).
        $script:Slow = Start-PcEmulator -Invoices 24 -Seed 5 -ExportLines 300 -ExportBlobs 2 -ExportReadyAfterSeconds 6 -ExportRetryAfter 1
        Connect-PcEmulator $Slow | Out-Null
        $script:Four = @(Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 4)
    }

    AfterAll {
        Connect-PcEmulator $Emulator | Out-Null
        Stop-PcEmulator $Slow
    }

    It 'prepares the exports of four invoices at once and writes their lines in input order' {
        $Four.Count | Should -Be 4
        Reset-PcEmulatorStats $Slow
        $took = Measure-Command { $script:lines = @($Four | Get-PcReconciliationLineItem) }
        $lines.Count | Should -Be 1200
        # Four exports of 6 s one after another would take 24 s and more; together about one.
        $took.TotalSeconds | Should -BeLessThan 12 -Because "four 6-second exports took $($took.TotalSeconds) s"
        # Each invoice's lines together, in the order the invoices came in.
        $runs = @($lines | ForEach-Object InvoiceNumber | Select-Object -Unique)
        ($runs -join ',') | Should -BeExactly (@($Four.Id) -join ',')
        $recent = @((Get-PcEmulatorStats $Slow).recent)
        $posts = @(for ($i = 0; $i -lt $recent.Count; $i++) { if ($recent[$i].method -eq 'POST' -and $recent[$i].path -like '*/export') { $i } })
        $firstManifest = @(for ($i = 0; $i -lt $recent.Count; $i++) { if ($recent[$i].path -like '*/manifests/*') { $i } })[0]
        $firstBlob = @(for ($i = 0; $i -lt $recent.Count; $i++) { if ($recent[$i].host -eq 'blob') { $i } })[0]
        $posts.Count | Should -Be 4
        # Every export was started before any was ready to read.
        $posts[-1] | Should -BeLessThan $firstManifest
        $posts[-1] | Should -BeLessThan $firstBlob
    }

    It 'writes the other invoices when one export fails, each error in its turn' {
        $legacy = @(Get-PcInvoice | Where-Object Id -like 'D*')[0]
        $ids = @($Four[0].Id, $legacy.Id, $Four[1].Id)
        $errors = $null
        $lines = @($ids | Get-PcReconciliationLineItem -ErrorVariable errors -ErrorAction SilentlyContinue)
        $lines.Count | Should -Be 600
        @($lines | ForEach-Object InvoiceNumber | Select-Object -Unique) | Should -Be @($Four[0].Id, $Four[1].Id)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ExportFailed,*'
    }

    It 'stops preparing the other exports when Select-Object -First has enough' {
        Reset-PcEmulatorStats $Slow
        $first = @($Four | Get-PcReconciliationLineItem | Select-Object -First 3)
        $first.Count | Should -Be 3
        $before = (Get-PcEmulatorStats $Slow).operationPolls
        Start-Sleep -Seconds 3
        (Get-PcEmulatorStats $Slow).operationPolls | Should -Be $before -Because 'no export is polled after the pipeline ends'
    }
}
