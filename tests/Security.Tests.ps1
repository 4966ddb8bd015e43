BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 120
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Secrets and tokens' {
    It 'appear in no output stream, error or exception, even with -Verbose and -Debug' {
        $secret = $Emulator.ClientSecret
        $secure = ConvertTo-SecureString $secret -AsPlainText -Force
        # -Debug would stop to ask in Windows PowerShell; PS 7 continues. Be explicit, here only.
        $DebugPreference = 'Continue'
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
        @{ Case = 'whitespace InvoiceId'; Script = { Get-PcInvoice -InvoiceId '   ' -ErrorAction Stop }; ErrorId = 'InvalidInvoiceId' }
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

Describe 'The token stays with the API host' {
    BeforeAll {
        $pfx = Join-Path ([IO.Path]::GetTempPath()) "pc-foreign-$([guid]::NewGuid()).pfx"
        $script:Foreign = Start-PcEmulator -Invoices 50 -ExtraArguments '--certificate-pfx-out', $pfx
        $script:ApiHost = Start-PcEmulator -Invoices 50 -ExtraArguments '--certificate-pfx', $pfx, '--next-link-base', $Foreign.BaseUrl, '--statement-redirect-base', $Foreign.BaseUrl
        Remove-Item $pfx
        $script:Secret = ConvertTo-SecureString $ApiHost.ClientSecret -AsPlainText -Force
    }
    AfterAll {
        Stop-PcEmulator $ApiHost
        Stop-PcEmulator $Foreign
    }

    It 'follows a next link to another host without the Authorization header' {
        Connect-PcAccount -ApplicationId $ApiHost.ApplicationId -TenantId $ApiHost.TenantId -ClientSecret $Secret -Endpoint $ApiHost.BaseUrl `
            -AuthorityHost $ApiHost.BaseUrl -TrustedServerCertificate $ApiHost.CertificatePath -MaxRetry 0 | Out-Null
        $seen = [Collections.Generic.List[object]]::new()
        $env:PARTNERCENTERINVOICES_PREFETCH = 'off'
        try { $thrown = { Get-PcInvoice -PageSize 10 | ForEach-Object { $seen.Add($_) } } | Should -Throw -PassThru }
        finally { Remove-Item Env:PARTNERCENTERINVOICES_PREFETCH }
        $seen.Count | Should -Be 10
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiUnauthorized,*'
        $foreignCalls = @((Get-PcEmulatorStats $Foreign).recent | Where-Object path -like '/v1/*')
        $foreignCalls.Count | Should -Be 1
        $foreignCalls.hasAuthorization | Should -Be $false
        @((Get-PcEmulatorStats $ApiHost).recent | Where-Object path -like '/v1/*').hasAuthorization | Should -Not -Contain $false
    }

    It 'follows a statement redirect to another host without the Authorization header, and writes no file' {
        Reset-PcEmulatorStats $Foreign
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($ApiHost.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
        Connect-PcAccount -ApplicationId $ApiHost.ApplicationId -TenantId $ApiHost.TenantId -ClientSecret $Secret -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) `
            -Endpoint $ApiHost.BaseUrl -AuthorityHost $ApiHost.BaseUrl -TrustedServerCertificate $ApiHost.CertificatePath -MaxRetry 0 | Out-Null
        $id = (Get-PcInvoice -First 1).Id
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'redirected')
        $thrown = { Save-PcInvoiceStatement -InvoiceId $id -Path $folder -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiUnauthorized,*'
        @(Get-ChildItem $folder -Force).Count | Should -Be 0
        $foreignCalls = @((Get-PcEmulatorStats $Foreign).recent | Where-Object path -like '/v1/*')
        $foreignCalls.Count | Should -BeGreaterThan 0
        $foreignCalls.hasAuthorization | Should -Not -Contain $true
    }

    It 'never sends the token for an id that would walk the URL' {
        Reset-PcEmulatorStats $ApiHost
        $thrown = { Get-PcInvoice -InvoiceId '..' -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidInvoiceId,*'
        (Get-PcEmulatorStats $ApiHost).apiRequests | Should -Be 0
    }
}

Describe 'Bad input that needs advice' {
    BeforeAll {
        # What a user sees of a failure: its id, category, text ("$_": ErrorDetails when set) and advice, and how long it took.
        function Get-Failure([scriptblock] $Script) {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            try { & $Script | Out-Null } catch { $record = $_ }
            if (-not $record) { throw 'The command did not fail.' }
            [pscustomobject]@{
                Id = $record.FullyQualifiedErrorId; Category = "$($record.CategoryInfo.Category)"; Text = "$record"
                Message = $record.Exception.Message; Action = "$($record.ErrorDetails.RecommendedAction)"; Seconds = $watch.Elapsed.TotalSeconds
            }
        }
        $script:Common = @{ Endpoint = $Emulator.BaseUrl; AuthorityHost = $Emulator.BaseUrl; TrustedServerCertificate = $Emulator.CertificatePath }
        $script:Secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
    }
    AfterEach { Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck | Out-Null }

    It '<Case>: <ErrorId>, saying <Says>' -ForEach @(
        @{ Case = 'a certificate not registered on the app (AADSTS700027)'; ErrorId = 'AuthenticationFailed'; Category = 'AuthenticationError'
            Says = 'AADSTS700027'; Advice = 'Certificates & secrets'; NotSaid = 'client secret|configuration issue'
            Script = {
                $rsa = [System.Security.Cryptography.RSA]::Create(2048)
                $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=unregistered', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
                $certificate = $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays(1))
                Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -Certificate $certificate @Common
            } }
        @{ Case = 'a thumbprint in no store'; ErrorId = 'CertificateNotFound'; Category = 'ObjectNotFound'; Says = 'ABABABAB'
            Script = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -CertificateThumbprint ('AB' * 20) @Common } }
        @{ Case = 'a wrong client secret'; ErrorId = 'AuthenticationFailed'; Category = 'AuthenticationError'
            Says = "^Sign-in to tenant '[^']+' failed \(invalid_client\): AADSTS7000215"; Advice = 'value of a client secret'; NotSaid = 'configuration issue|aka\.ms|Trace ID'
            Script = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString 'wrong' -AsPlainText -Force) @Common } }
        @{ Case = 'a backwards date range'; ErrorId = 'InvalidDateRange'; Category = 'InvalidArgument'; Says = 'is after the end date'
            Script = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $Secret @Common | Out-Null
                Get-PcInvoice -InvoiceDateFrom 2025-02-01 -InvoiceDateTo 2025-01-01 } }
        @{ Case = 'an http endpoint on a server that speaks https'; ErrorId = 'InvalidEndpoint'; Category = 'InvalidArgument'; Says = 'speaks https.*https://'
            Script = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $Secret @Common `
                    -Endpoint ($Emulator.BaseUrl -replace '^https', 'http') | Out-Null
                Get-PcInvoice -First 1 } }
        @{ Case = 'a Retry-After longer than the retry time limit'; ErrorId = 'ApiThrottled'; Category = 'LimitsExceeded'; Says = 'wait 30 s.*-RetryTimeLimitSeconds \(5 s\)'
            Advice = 'RetryTimeLimitSeconds'
            Script = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $Secret @Common -RetryTimeLimitSeconds 5 | Out-Null
                Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck -ContentType 'application/json' `
                    -Body (@{ mode = 'throttle'; every = 1; retryAfterSeconds = 30 } | ConvertTo-Json) | Out-Null
                Get-PcInvoice -First 1 } }
        @{ Case = 'an App+User token from a sign-in without MFA (900421)'; ErrorId = 'ApiUnauthorized'; Category = 'AuthenticationError'
            Says = '900421.*sign in again with multi-factor authentication'; Advice = 'multi-factor authentication.*-RefreshToken'
            Script = { $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com&mfa=false" -SkipCertificateCheck).refresh_token
                Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $Secret @Common `
                    -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) | Out-Null
                Get-PcInvoice -First 1 } }
    ) {
        $failure = Get-Failure $Script
        $failure.Id | Should -BeLike "$ErrorId,*"
        $failure.Category | Should -Be $Category
        $failure.Text | Should -Match $Says
        if ($Advice) { $failure.Action | Should -Match $Advice }
        if ($NotSaid) { "$($failure.Text) $($failure.Action)" | Should -Not -Match $NotSaid }
        # Nothing names a variable of the library, and nothing waits out retries that cannot help.
        "$($failure.Text) $($failure.Message)" | Should -Not -Match "\(Parameter '|Parameter name:"
        $failure.Seconds | Should -BeLessThan 4
    }

    It '-Endpoint without -AuthorityHost names the sign-in host it could not reach, and -AuthorityHost' {
        # A closed proxy port makes the cloud's sign-in host unreachable the same way on every machine, online or not.
        $script = "`$env:HTTPS_PROXY = 'http://127.0.0.1:9'; `$env:NO_PROXY = ''; #IMPORT#; try { Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' " +
            "-ClientSecret (ConvertTo-SecureString 'x' -AsPlainText -Force) -Endpoint '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' } " +
            "catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `"`$_`" }"
        $output = Invoke-FreshPwsh $script -ImportAfter
        $output[0] | Should -BeLike 'ConnectionFailed,*'
        $output[1] | Should -Be 'ConnectionError'
        $output[2] | Should -Match 'sign-in service at https://login\.microsoftonline\.com'
        $output[2] | Should -Match '-AuthorityHost'
    }
}
