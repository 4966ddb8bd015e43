# Soak: a month-end export under each fault the service is known for must end with exactly the
# invoices of a clean run, no duplicates, within a bounded time.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 5000 -Seed 21
    Connect-PcEmulator $Emulator | Out-Null
    $script:CleanIds = @(Get-PcInvoice -PageSize 200 | ForEach-Object Id)
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Exporting 5,000 invoices under faults' {
    AfterEach { Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck | Out-Null }

    It 'starts from a clean run of 5,000 distinct invoices' {
        $CleanIds.Count | Should -Be 5000
        @($CleanIds | Select-Object -Unique).Count | Should -Be 5000
    }

    It 'gets every invoice exactly once under <Name>' -ForEach @(
        @{ Name = 'throttling (429 with Retry-After)'; Fault = @{ mode = 'throttle'; every = 6; retryAfterSeconds = 1 }; Counter = 'throttle' }
        @{ Name = '5xx bursts'; Fault = @{ mode = 'burst'; every = 8; length = 2; status = 503 }; Counter = 'burst' }
        @{ Name = 'connection resets'; Fault = @{ mode = 'reset'; every = 7 }; Counter = 'reset' }
        @{ Name = 'truncated bodies'; Fault = @{ mode = 'truncate'; every = 6 }; Counter = 'truncate' }
        @{ Name = 'slow responses'; Fault = @{ mode = 'slow'; every = 10; ms = 1500 }; Counter = 'slow' }
        @{ Name = 'tokens expiring mid-run'; Fault = @{ mode = 'expire-after'; requests = 8; repeat = $true }; Counter = 'revoked401' }
    ) {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck -ContentType 'application/json' -Body ($Fault | ConvertTo-Json) | Out-Null
        Reset-PcEmulatorStats $Emulator
        $watch = [Diagnostics.Stopwatch]::StartNew()

        $verbose = [Collections.Generic.List[string]]::new()
        $ids = @(Get-PcInvoice -PageSize 200 -Verbose 4>&1 | ForEach-Object {
                if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($_.Message) } else { $_.Id } })

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 90
        $ids.Count | Should -Be 5000
        Compare-Object $CleanIds $ids -SyncWindow 0 | Should -BeNullOrEmpty
        $stats = Get-PcEmulatorStats $Emulator
        $stats.faultsInjected.$Counter | Should -BeGreaterThan 0
        if ($Counter -notin 'slow', 'revoked401') {
            # Every fault the emulator injected was answered by a retry the user can see in -Verbose.
            @($verbose | Where-Object { $_ -like 'Retry *' }).Count | Should -Be $stats.faultsInjected.$Counter
        }
    }

    It 'fails with the service''s error when retries run out, after whole pages only' {
        Connect-PcEmulator $Emulator -MaxRetry 2 | Out-Null
        try {
            Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck -ContentType 'application/json' `
                -Body (@{ mode = 'burst'; every = 3; length = 10; status = 503 } | ConvertTo-Json) | Out-Null
            $seen = [Collections.Generic.List[string]]::new()
            $env:PARTNERCENTERINVOICES_PREFETCH = 'off'   # requests in a strict order, so the burst strikes a known page
            try { $thrown = { Get-PcInvoice -PageSize 200 | ForEach-Object { $seen.Add($_.Id) } } | Should -Throw -PassThru }
            finally { Remove-Item Env:PARTNERCENTERINVOICES_PREFETCH }
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiServerError,*'
            $thrown.Exception.StatusCode | Should -Be 503
            $thrown.Exception.RequestId | Should -Match '^[0-9a-f-]{36}$'
            $seen.Count | Should -Be 600
        }
        finally { Connect-PcEmulator $Emulator | Out-Null }
    }
}

Describe 'Stopping' {
    It 'Ctrl+C (StopProcessing) cancels a request in flight at once' {
        $slow = Start-PcEmulator -Invoices 50 -ExtraArguments '--latency-ms', '20000'
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript(@"
Import-Module '$ModulePath'
Connect-PcAccount -ApplicationId '$($slow.ApplicationId)' -TenantId '$($slow.TenantId)' -ClientSecret (ConvertTo-SecureString '$($slow.ClientSecret)' -AsPlainText -Force) -Endpoint '$($slow.BaseUrl)' -AuthorityHost '$($slow.BaseUrl)' -TrustedServerCertificate '$($slow.CertificatePath)' | Out-Null
Get-PcInvoice
"@)
            $async = $ps.BeginInvoke()
            # Wait until the request is with the emulator (its 20-second delay has started).
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ((Get-PcEmulatorStats $slow).apiRequests -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            (Get-PcEmulatorStats $slow).apiRequests | Should -Be 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            { $ps.EndInvoke($async) } | Should -Throw
            $ps.Dispose()
        }
        finally { Stop-PcEmulator $slow }
    }

    It 'a stop during a download with -Verbose and -Debug ends the download before the cmdlet leaves, and leaves no file' {
        $slow = Start-PcEmulator -Invoices 5 -ExtraArguments '--fault-slow-every', 'every=1,ms=20000'
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'stopped')
        try {
            $refresh = (Invoke-RestMethod -Method Post -Uri "$($slow.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
            $ps = [powershell]::Create()
            $null = $ps.AddScript(@"
Import-Module '$ModulePath'
`$DebugPreference = 'Continue'
Connect-PcAccount -ApplicationId '$($slow.ApplicationId)' -TenantId '$($slow.TenantId)' -ClientSecret (ConvertTo-SecureString '$($slow.ClientSecret)' -AsPlainText -Force) ``
    -RefreshToken (ConvertTo-SecureString '$refresh' -AsPlainText -Force) -Endpoint '$($slow.BaseUrl)' -AuthorityHost '$($slow.BaseUrl)' -TrustedServerCertificate '$($slow.CertificatePath)' | Out-Null
Save-PcInvoiceStatement -InvoiceId D000000001 -Path '$folder' -Verbose -Debug
"@)
            $async = $ps.BeginInvoke()
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while ((Get-PcEmulatorStats $slow).apiRequests -lt 1 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            (Get-PcEmulatorStats $slow).apiRequests | Should -Be 1
            Start-Sleep -Milliseconds 500  # the cmdlet writes queued lines every 200 ms
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            # The debug trace ran (so log lines were queued), and nothing but the stop went wrong.
            @($ps.Streams.Debug | Where-Object { "$_" -like 'HTTP request: GET*' }).Count | Should -BeGreaterThan 0
            $ps.Streams.Error.Count | Should -Be 0
            @(Get-ChildItem $folder -Force).Count | Should -Be 0
            $ps.Dispose()
        }
        finally { Stop-PcEmulator $slow }
    }
}
