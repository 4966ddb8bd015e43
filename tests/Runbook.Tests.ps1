BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:RunbookPath = Join-Path $ModulePath 'Examples/Export-PcInvoicesRunbook.ps1'
    . $RunbookPath
    $script:Emulator = Start-PcEmulator -Invoices 40
}

AfterAll { Stop-PcEmulator $Emulator }

Describe 'The Azure Automation runbook example' {
    It 'ships inside the module' {
        Test-Path $RunbookPath | Should -BeTrue
    }

    It 'prefers a certificate asset and adds a refresh token for App+User' {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=runbook', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays(1))
        $refresh = [pscredential]::new('app', (ConvertTo-SecureString 'rt' -AsPlainText -Force))

        $signIn = Get-RunbookSignIn -ApplicationId 'app' -TenantId 'tenant' -Certificate $certificate -RefreshToken $refresh -ClientSecret $null

        $signIn.Certificate.Thumbprint | Should -Be $certificate.Thumbprint
        $signIn.ContainsKey('ClientSecret') | Should -BeFalse
        [pscredential]::new('x', $signIn.RefreshToken).GetNetworkCredential().Password | Should -Be 'rt'
    }

    It 'falls back to a client secret, and never prompts when there is nothing to sign in with' {
        $secret = ConvertTo-SecureString 's' -AsPlainText -Force
        (Get-RunbookSignIn -ApplicationId 'app' -TenantId 'tenant' -ClientSecret $secret).ClientSecret | Should -Be $secret
        { Get-RunbookSignIn -ApplicationId 'app' -TenantId 'tenant' } | Should -Throw '*never prompts*'
        { Get-RunbookSignIn -ApplicationId '' -TenantId 'tenant' -ClientSecret $secret } | Should -Throw '*required*'
    }

    It 'names each export by type and time so runs never overwrite each other' {
        Get-ExportFileName -Now ([datetime]'2026-11-01T03:00:00') -InvoiceType Recurring | Should -Be 'invoices-recurring-20261101-030000.csv'
        Get-ExportFileName -Now ([datetime]'2026-11-01T03:00:00') | Should -Be 'invoices-all-20261101-030000.csv'
    }

    It 'reconciles the calendar month before the run' {
        $range = Get-LastMonthRange -Now ([datetime]'2026-01-15T10:00:00Z')
        $range.From | Should -Be ([datetime]'2025-12-01')
        $range.To | Should -Be ([datetime]'2025-12-31')
    }

    It 'exports a month''s reconciliation line items from Microsoft Graph beside the invoices' {
        $script = @"
function Get-AutomationVariable([string] `$Name) { @{ PartnerCenterApplicationId = '$($Emulator.ApplicationId)'; PartnerCenterTenantId = '$($Emulator.TenantId)'; PartnerCenterClientSecret = '$($Emulator.ClientSecret)' }[`$Name] }
function Get-AutomationCertificate([string] `$Name) { throw 'no certificate asset' }
function Get-AutomationPSCredential([string] `$Name) { throw 'no credential asset' }
`$PSDefaultParameterValues['Connect-PcAccount:Endpoint'] = '$($Emulator.BaseUrl)'
`$PSDefaultParameterValues['Connect-PcAccount:AuthorityHost'] = '$($Emulator.BaseUrl)'
`$PSDefaultParameterValues['Connect-PcAccount:GraphEndpoint'] = '$($Emulator.BaseUrl)'
`$PSDefaultParameterValues['Connect-PcAccount:TrustedServerCertificate'] = '$($Emulator.CertificatePath)'
`$ErrorActionPreference = 'Continue'
& '$RunbookPath' -OutputFolder '$TestDrive' -ReconciliationMonth 2025-10-01 2>`$null
"@
        $output = Invoke-FreshPwsh $script
        $line = $output | Where-Object { $_ -like 'Exported last month*' }
        $line | Should -Not -BeNullOrEmpty
        $rows = @(Import-Csv ($line -replace '^Exported last month''s reconciliation line items to ', ''))
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'ReferenceId'
        $rows | Where-Object { $_.Total -notmatch '^-?\d+(\.\d+)?$' } | Should -BeNullOrEmpty
    }

    It 'runs end to end with Automation assets stubbed as the sandbox would provide them' {
        $script = @"
function Get-AutomationVariable([string] `$Name) { @{ PartnerCenterApplicationId = '$($Emulator.ApplicationId)'; PartnerCenterTenantId = '$($Emulator.TenantId)'; PartnerCenterClientSecret = '$($Emulator.ClientSecret)' }[`$Name] }
function Get-AutomationCertificate([string] `$Name) { throw 'no certificate asset' }
function Get-AutomationPSCredential([string] `$Name) { throw 'no credential asset' }
`$PSDefaultParameterValues['Connect-PcAccount:Endpoint'] = '$($Emulator.BaseUrl)'
`$PSDefaultParameterValues['Connect-PcAccount:AuthorityHost'] = '$($Emulator.BaseUrl)'
`$PSDefaultParameterValues['Connect-PcAccount:TrustedServerCertificate'] = '$($Emulator.CertificatePath)'
& '$RunbookPath' -OutputFolder '$TestDrive' -InvoiceType Recurring
"@
        $output = Invoke-FreshPwsh $script
        $line = $output | Where-Object { $_ -like 'Exported invoices to *' }
        $line | Should -Not -BeNullOrEmpty
        $csv = $line -replace '^Exported invoices to ', ''
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 0
        $rows | Where-Object InvoiceType -ne 'Recurring' | Should -BeNullOrEmpty
        # Culture-neutral cells, whatever the machine that ran the runbook.
        $rows | Where-Object { $_.TotalCharges -notmatch '^-?\d+(\.\d+)?$' -or $_.InvoiceDate -notmatch '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$' } | Should -BeNullOrEmpty
    }
}
