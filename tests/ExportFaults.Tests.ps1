# Faults on every leg of a Graph billing export: the POST, the polls, the manifest, the files. A faulted
# read must write exactly the lines of a clean read: same count, same sum, same ReferenceIds in order.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 4 -Seed 5 -ExportLines 3000 -ExportBlobs 3 -ExportRunningPolls 2 -ExportRetryAfter 1
    Connect-PcEmulator $Emulator -MaxRetry 6 | Out-Null
    $script:InvoiceId = (Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id

    function Measure-Lines($Lines) {
        [pscustomobject]@{ Count = @($Lines).Count; Sum = ($Lines | Measure-Object Total -Sum).Sum; References = (@($Lines.ReferenceId) -join ',') }
    }
    $script:Clean = Measure-Lines (Get-PcReconciliationLineItem $InvoiceId)
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Graph billing exports under faults' {
    AfterEach { Clear-PcEmulatorFault $Emulator }

    It 'the clean read has every line once' {
        $Clean.Count | Should -Be 3000
        @($Clean.References -split ',' | Select-Object -Unique).Count | Should -Be 3000
    }

    It 'writes every line exactly once when <Case>' -ForEach @(
        @{ Case = 'the POST and the polls are throttled with Retry-After'; Fault = @{ mode = 'throttle'; every = 2; retryAfterSeconds = 1; pathPrefix = '/v1.0/reports' }; Status = 'graph:429' }
        @{ Case = 'the POST, the polls and the manifest fail with 503'; Fault = @{ mode = 'burst'; every = 1; length = 1; status = 503; pathPrefix = '/v1.0' }; Status = 'graph:503' }
        @{ Case = 'every second file download is cut off mid-body'; Fault = @{ mode = 'truncate'; every = 2; pathPrefix = '/reconexports' }; Status = 'resume' }
        @{ Case = 'every second file request has its connection reset'; Fault = @{ mode = 'reset'; every = 2; pathPrefix = '/reconexports' }; Status = 'blobreset' }
        @{ Case = 'file downloads fail with 503 in bursts'; Fault = @{ mode = 'burst'; every = 1; length = 1; status = 503; pathPrefix = '/reconexports' }; Status = 'blob:503' }
    ) {
        Reset-PcEmulatorStats $Emulator
        Set-PcEmulatorFaultMode $Emulator $Fault
        $lines = @(Get-PcReconciliationLineItem $InvoiceId -Verbose 4>&1)
        $verbose = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $measured = Measure-Lines ($lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $measured.Count | Should -Be $Clean.Count
        $measured.Sum | Should -Be $Clean.Sum
        $measured.References | Should -Be $Clean.References
        $stats = Get-PcEmulatorStats $Emulator
        switch ($Status) {
            'graph:429' { $stats.graphRequestsByStatus.'429' | Should -BeGreaterThan 0; ($verbose -match '^Retry \d').Count | Should -BeGreaterThan 0 }
            'graph:503' { $stats.graphRequestsByStatus.'503' | Should -BeGreaterThan 2 }
            'resume' { ($verbose -match 'resuming from byte [1-9]').Count | Should -BeGreaterThan 0; ($verbose -match 'from byte [1-9]\d* -> 206').Count | Should -BeGreaterThan 0 }
            'blobreset' { ($verbose -match 'Retry \d of \d+ for GET export file').Count | Should -BeGreaterThan 0 }
            'blob:503' { $stats.blobRequestsByStatus.'503' | Should -BeGreaterThan 0 }
        }
    }

    It 'reads the remaining files with a fresh SAS when the SAS expires before the last file is read' {
        Reset-PcEmulatorStats $Emulator
        $first = $true
        # Two files at a time out of three: the third is requested after the SAS has expired, while the second may be in flight.
        $lines = Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit 2 | ForEach-Object {
            if ($first) { Invoke-PcEmulatorSasExpiry $Emulator; $first = $false }
            $_
        }
        $measured = Measure-Lines $lines
        $measured.Count | Should -Be $Clean.Count
        $measured.References | Should -Be $Clean.References
        $stats = Get-PcEmulatorStats $Emulator
        $stats.blobRequestsByStatus.'403' | Should -BeGreaterThan 0
        $stats.manifestReads | Should -BeGreaterOrEqual 2
    }

    It 'accepts an inline manifest and the "completed" spelling, renewing the SAS by polling the operation again' {
        $inline = Start-PcEmulator -Invoices 4 -Seed 5 -ExportLines 3000 -ExportBlobs 3 -ExportRunningPolls 0 -ManifestStyle inline -OperationStatusSpelling completed
        try {
            Connect-PcEmulator $inline | Out-Null
            $first = $true
            $lines = Get-PcReconciliationLineItem $InvoiceId -ThrottleLimit 2 | ForEach-Object {
                if ($first) { Invoke-PcEmulatorSasExpiry $inline; $first = $false }
                $_
            }
            (Measure-Lines $lines).References | Should -Be $Clean.References
            $stats = Get-PcEmulatorStats $inline
            @($stats.recent | Where-Object path -like '*/billing/manifests/*').Count | Should -Be 0
            $stats.blobRequestsByStatus.'403' | Should -BeGreaterThan 0
        }
        finally {
            Connect-PcEmulator $Emulator -MaxRetry 6 | Out-Null
            Stop-PcEmulator $inline
        }
    }

    It 'fails with the storage account''s error, without the signature, when a fresh SAS is refused too' {
        Set-PcEmulatorFault $Emulator -Status 403 -Count 5 -PathPrefix '/reconexports'
        $thrown = { Get-PcReconciliationLineItem $InvoiceId -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiForbidden,*'
        $thrown.Exception.Service | Should -Be 'Azure Storage'
        "$($thrown.Exception.Message) $($thrown.ErrorDetails) $($thrown.TargetObject)" | Should -Not -Match 'sig='
        $thrown.Exception.CorrelationId | Should -Not -BeNullOrEmpty
    }

    It 'ends an export that never finishes at the time budget with ExportTimedOut' {
        $slow = Start-PcEmulator -Invoices 4 -Seed 5 -ExportReadyAfterSeconds 600 -ExportRetryAfter 1
        try {
            Connect-PcEmulator $slow | Out-Null
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $thrown = { Get-PcReconciliationLineItem $InvoiceId -TimeoutSec 3 -ErrorAction Stop } | Should -Throw -PassThru
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ExportTimedOut,*'
            $thrown.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $thrown.Exception.Message | Should -Match 'did not finish within 3 s'
            $thrown.Exception.OperationId | Should -Not -BeNullOrEmpty
        }
        finally {
            Connect-PcEmulator $Emulator -MaxRetry 6 | Out-Null
            Stop-PcEmulator $slow
        }
    }

    It 'shows the status and elapsed time while it waits, and stops at once when the pipeline is stopped' {
        $slow = Start-PcEmulator -Invoices 4 -Seed 5 -ExportReadyAfterSeconds 600 -ExportRetryAfter 30
        try {
            Connect-PcEmulator $slow | Out-Null
            $shell = [powershell]::Create().AddScript("Import-Module '$ModulePath'; Get-PcReconciliationLineItem $InvoiceId")
            $handle = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            while (-not ($shell.Streams.Progress | Where-Object StatusDescription -match '^Export (notStarted|running)') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $status = ($shell.Streams.Progress | Where-Object StatusDescription -match '^Export (notStarted|running)' | Select-Object -Last 1).StatusDescription
            $status | Should -Match '^Export (notStarted|running), \d\d:\d\d:\d\d elapsed \(\d+ polls\)$'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $shell.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $handle.IsCompleted | Should -BeTrue
            $shell.Streams.Error.Count | Should -Be 0
            $shell.Dispose()
        }
        finally {
            Connect-PcEmulator $Emulator -MaxRetry 6 | Out-Null
            Stop-PcEmulator $slow
        }
    }
}
