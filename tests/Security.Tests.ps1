BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 120
    # -Debug would otherwise stop to ask in Windows PowerShell; PS 7 continues. Be explicit.
    $DebugPreference = 'Continue'
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Secrets and tokens' {
    It 'appear in no output stream, error or exception, even with -Verbose and -Debug' {
        $secret = $Emulator.ClientSecret
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        $everything = & {
            Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secure `
                -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath -Verbose -Debug
            Get-PcInvoice -PageSize 50 -Verbose -Debug
            Get-PcContext | Format-List * | Out-String
            try { Get-PcInvoice -Filter '{"Field":"Nope"}' -Verbose -Debug } catch { $_; $_.Exception.ToString() }
            try {
                Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString 'wrong-secret-value-77' -AsPlainText -Force) `
                    -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath -Verbose -Debug
            }
            catch { $_; $_.Exception.ToString() }
        } *>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.ToString(); $_.Exception.ToString() } else { $_ | Out-String } }
        $text = $everything -join "`n"

        # The debug trace really ran, and it said a bearer token was sent.
        $text | Should -Match 'HTTP request: GET https://127\.0\.0\.1:\d+/v1/invoices\?size=50'
        $text | Should -Match 'Authorization: Bearer \[redacted\]'

        Connect-PcEmulator $Emulator | Out-Null
        $token = Get-PcAccessToken -AsPlainText
        $text | Should -Not -Match ([regex]::Escape($secret))
        $text | Should -Not -Match 'wrong-secret-value-77'
        $text | Should -Not -Match ([regex]::Escape($token))
        # No part of any JWT the emulator issues (they share header and claim shapes) leaks either.
        $text | Should -Not -Match ([regex]::Escape($token.Split('.')[2]))
    }
}

Describe 'Bad input' {
    BeforeAll { Connect-PcEmulator $Emulator | Out-Null }

    It '<Case> fails with <ErrorId> and makes no request' -ForEach @(
        @{ Case = 'PageSize 0'; Script = { Get-PcInvoice -PageSize 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'PageSize -1'; Script = { Get-PcInvoice -PageSize -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'PageSize above the maximum'; Script = { Get-PcInvoice -PageSize 1001 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'PageSize huge'; Script = { Get-PcInvoice -PageSize 99999999999 }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = 'Offset -1'; Script = { Get-PcInvoice -Offset -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'unknown InvoiceType'; Script = { Get-PcInvoice -InvoiceType Weekly }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'empty InvoiceId'; Script = { Get-PcInvoice -InvoiceId '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'whitespace InvoiceId'; Script = { Get-PcInvoice -InvoiceId '   ' }; ErrorId = 'InvalidInvoiceId' }
        @{ Case = 'date range backwards'; Script = { Get-PcInvoice -InvoiceDateFrom 2025-02-01 -InvoiceDateTo 2025-01-01 }; ErrorId = 'InvalidDateRange' }
        @{ Case = 'filter and dates together'; Script = { Get-PcInvoice -Filter '{}' -InvoiceDateFrom 2025-01-01 }; ErrorId = 'FilterConflict' }
    ) {
        Reset-PcEmulatorStats $Emulator
        $thrown = $Script | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        "$($thrown.CategoryInfo.Category)" | Should -BeIn 'InvalidArgument', 'InvalidData'
        $thrown.Exception.Message | Should -Not -BeNullOrEmpty
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
    }
}
