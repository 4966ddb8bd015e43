# Every sign-in flow against the emulator's token endpoint, through real MSAL.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 30
    $script:Common = @{ Endpoint = $Emulator.BaseUrl; AuthorityHost = $Emulator.BaseUrl; TrustedServerCertificate = $Emulator.CertificatePath }

    function New-TestCertificate([string] $Subject) {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new("CN=$Subject", $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays(30))
    }

    function Register-EmulatorApp([string] $ClientId, $Certificate, [string] $Secret) {
        $body = @{ clientId = $ClientId }
        if ($Certificate) { $body.certificatePem = $Certificate.ExportCertificatePem() }
        if ($Secret) { $body.secret = $Secret }
        Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/apps" -SkipCertificateCheck -ContentType 'application/json' -Body ($body | ConvertTo-Json) | Out-Null
    }

    function New-RefreshToken([int] $LifetimeDays = 90) {
        (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com&lifetimeDays=$LifetimeDays" -SkipCertificateCheck).refresh_token
    }

    $script:CertificateApp = '44444444-4444-4444-4444-444444444444'
    $script:AppCertificate = New-TestCertificate 'pc-invoices-test-app'
    Register-EmulatorApp $CertificateApp $AppCertificate
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Certificate sign-in' {
    BeforeEach { Reset-PcEmulatorStats $Emulator }

    It 'signs a client assertion with a certificate object' {
        $context = Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -Certificate $AppCertificate @Common
        $context.AuthenticationKind | Should -Be 'Certificate'
        @(Get-PcInvoice).Count | Should -Be 30
        (Get-PcEmulatorStats $Emulator).tokenRequestsByGrant.client_credentials | Should -Be 1
    }

    It 'reads the certificate from a password-protected PFX file' {
        $pfx = Join-Path $TestDrive 'app.pfx'
        [IO.File]::WriteAllBytes($pfx, $AppCertificate.Export('Pfx', 'pfx-pass'))
        $context = Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -CertificatePath $pfx `
            -CertificatePassword (ConvertTo-SecureString 'pfx-pass' -AsPlainText -Force) @Common
        $context.AuthenticationKind | Should -Be 'Certificate'
    }

    It 'finds the certificate in the CurrentUser store by thumbprint' {
        $store = [System.Security.Cryptography.X509Certificates.X509Store]::new('My', 'CurrentUser')
        $store.Open('ReadWrite')
        $exportable = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($AppCertificate.Export('Pfx'), [string]$null, 'Exportable,PersistKeySet')
        $store.Add($exportable)
        try {
            $context = Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -CertificateThumbprint $AppCertificate.Thumbprint @Common
            $context.AuthenticationKind | Should -Be 'Certificate'
        }
        finally { $store.Remove($exportable); $store.Dispose() }
    }

    It 'fails with a clear error for a certificate the app does not have' {
        $other = New-TestCertificate 'someone-else'
        $thrown = { Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -Certificate $other @Common } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $thrown.Exception.Message | Should -Match 'invalid_client'
    }

    It 'says so when a thumbprint is in no store' {
        { Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -CertificateThumbprint ('AB' * 20) @Common } |
            Should -Throw -ErrorId 'CertificateNotFound,*'
    }

    It 'refuses a certificate without its private key before any request' {
        $public = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($AppCertificate.RawData)
        { Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -Certificate $public @Common } |
            Should -Throw -ErrorId 'CertificateNotUsable,*'
        (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 0
    }
}

Describe 'App+User with a refresh token (Secure Application Model)' {
    BeforeEach { Reset-PcEmulatorStats $Emulator }

    It 'exchanges the refresh token once and reads what only App+User may read' {
        $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
        $refresh = ConvertTo-SecureString (New-RefreshToken) -AsPlainText -Force
        $context = Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret -RefreshToken $refresh @Common
        $context.AuthenticationKind | Should -Be 'RefreshToken'
        $context.Account | Should -Be 'admin@contoso.onmicrosoft.com'
        $id = (Get-PcInvoice -First 1).Id
        (Get-PcInvoice -InvoiceId $id).Id | Should -Be $id
        Get-PcInvoice -First 3 | Out-Null
        $stats = Get-PcEmulatorStats $Emulator
        $stats.tokenRequestsByGrant.refresh_token | Should -Be 1
        $stats.tokenRequests | Should -Be 1
    }

    It 'works with the app''s certificate as well' {
        $refresh = ConvertTo-SecureString (New-RefreshToken) -AsPlainText -Force
        $context = Connect-PcAccount -ApplicationId $CertificateApp -TenantId $Emulator.TenantId -Certificate $AppCertificate -RefreshToken $refresh @Common
        $context.AuthenticationKind | Should -Be 'RefreshToken'
        @(Get-PcInvoice).Count | Should -Be 30
    }

    It 'explains an expired refresh token' {
        $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
        $refresh = ConvertTo-SecureString (New-RefreshToken -LifetimeDays -1) -AsPlainText -Force
        $thrown = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret -RefreshToken $refresh @Common } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $thrown.Exception.Message | Should -Match 'invalid_grant'
        $thrown.Exception.Message | Should -Match '90 days'
    }

    It 'says that reading by id needs App+User when signed in app-only' {
        Connect-PcEmulator $Emulator -MaxRetry 0 | Out-Null
        $id = (Get-PcInvoice -First 1).Id
        $thrown = { Get-PcInvoice -InvoiceId $id -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiForbidden,*'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'App\+User'
    }
}

Describe 'Device code sign-in' {
    It 'shows the code through the host, waits for approval, then reads invoices' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
`$context = Connect-PcAccount -UseDeviceAuthentication -ApplicationId 33333333-3333-3333-3333-333333333333 -TenantId '$($Emulator.TenantId)' -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' 3>&1 |
    ForEach-Object { if (`$_ -is [System.Management.Automation.WarningRecord]) { 'WARNING: ' + `$_.Message } else { `$_ } }
`$context | Where-Object { `$_ -is [string] }
'kind=' + (`$context | Where-Object { `$_ -isnot [string] }).AuthenticationKind
'count=' + @(Get-PcInvoice).Count
"@
        $scriptFile = Join-Path $TestDrive 'device.ps1'
        Set-Content $scriptFile $script
        $command = Get-PwshCommand
        $info = [System.Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($a in @($command | Select-Object -Skip 1) + @('-NoProfile', '-File', $scriptFile)) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
        $child = [System.Diagnostics.Process]::Start($info)
        $stdout = $child.StandardOutput.ReadToEndAsync(); $stderr = $child.StandardError.ReadToEndAsync()
        try {
            $pending = $null
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while (-not $pending -and [datetime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 200
                $pending = @(Invoke-RestMethod -Uri "$($Emulator.BaseUrl)/_emulator/devicecode/pending" -SkipCertificateCheck) | Select-Object -First 1
            }
            $pending | Should -Not -BeNullOrEmpty
            $userCode = if ($pending.userCode) { $pending.userCode } else { $pending }
            Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/devicecode/approve?userCode=$userCode&user=billing@contoso.onmicrosoft.com" -SkipCertificateCheck | Out-Null
            $child.WaitForExit(60000) | Should -BeTrue
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
        $output = $stdout.Result -split "`r?`n"
        ($output | Where-Object { $_ -like 'WARNING: *' }) -join ' ' | Should -Match ([regex]::Escape($userCode))
        $output | Should -Contain 'kind=DeviceCode'
        $output | Should -Contain 'count=30'
        $stderr.Result | Should -BeNullOrEmpty
    }
}

Describe 'Session token reuse and renewal' {
    It 'shares one connection and one token across ForEach-Object -Parallel runspaces' {
        Connect-PcEmulator $Emulator | Out-Null
        Reset-PcEmulatorStats $Emulator
        $module = $ModulePath
        $counts = 1..4 | ForEach-Object -Parallel { Import-Module $using:module; @(Get-PcInvoice -PageSize 7).Count } -ThrottleLimit 4
        $counts | Should -Be @(30, 30, 30, 30)
        (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 0
    }

    It 'renews a token only when it nears expiry, and a long read continues across it' {
        # MSAL treats tokens within five minutes of expiry as expired: 310 s gives ten seconds of use.
        $short = Start-PcEmulator -Invoices 300 -TokenLifetime 310 -ExtraArguments '--latency-ms', '40'
        try {
            Connect-PcEmulator $short | Out-Null
            Reset-PcEmulatorStats $short
            @(Get-PcInvoice -PageSize 10).Count | Should -Be 300        # 30 pages x 40 ms: well inside ten seconds
            (Get-PcEmulatorStats $short).tokenRequests | Should -Be 0
            Start-Sleep -Seconds 11
            @(Get-PcInvoice -PageSize 100).Count | Should -Be 300
            (Get-PcEmulatorStats $short).tokenRequests | Should -Be 1
        }
        finally { Stop-PcEmulator $short }
    }
}

Describe 'Secrets of every flow' {
    It 'appear in no output stream with -Verbose and -Debug' {
        $refreshText = New-RefreshToken
        $everything = & {
            Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force) `
                -RefreshToken (ConvertTo-SecureString $refreshText -AsPlainText -Force) @Common -Verbose -Debug
            Get-PcInvoice -First 5 -Verbose -Debug
            Get-PcContext | Format-List * | Out-String
        } *>&1 | Out-String
        $token = Get-PcAccessToken -AsPlainText
        $everything | Should -Match 'Authorization: Bearer \[redacted\]'
        $everything | Should -Not -Match ([regex]::Escape($refreshText))
        $everything | Should -Not -Match ([regex]::Escape($Emulator.ClientSecret))
        $everything | Should -Not -Match ([regex]::Escape($token))
    }
}
