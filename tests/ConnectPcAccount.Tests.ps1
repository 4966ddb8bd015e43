BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 20
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Connect-PcAccount' {
    BeforeEach { Disconnect-PcAccount }

    It 'signs in with a client secret through the identity endpoint and returns the context' {
        Reset-PcEmulatorStats $Emulator
        $context = Connect-PcEmulator $Emulator

        $context.PSTypeNames[0] | Should -Be 'PartnerCenterInvoices.PcContext'
        $context.AuthenticationKind | Should -Be 'ClientSecret'
        $context.TenantId | Should -Be $Emulator.TenantId
        $context.ApplicationId | Should -Be $Emulator.ApplicationId
        $context.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 1
        (Get-PcContext).Endpoint | Should -Be ([uri]$Emulator.BaseUrl)
    }

    It 'takes the application id and secret as a PSCredential, as Az does' {
        $credential = [pscredential]::new($Emulator.ApplicationId, (ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force))
        $context = Connect-PcAccount -Credential $credential -TenantId $Emulator.TenantId -Endpoint $Emulator.BaseUrl `
            -AuthorityHost $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath
        $context.AuthenticationKind | Should -Be 'ClientSecret'
        $context.ApplicationId | Should -Be $Emulator.ApplicationId
        @(Get-PcInvoice).Count | Should -Be 20
    }

    It 'hands out the session token for other endpoints, as a SecureString unless asked otherwise' {
        Connect-PcEmulator $Emulator | Out-Null
        Reset-PcEmulatorStats $Emulator
        $secure = Get-PcAccessToken
        $secure | Should -BeOfType [securestring]
        $plain = Get-PcAccessToken -AsPlainText
        $plain | Should -Match '^[\w-]+\.[\w-]+\.[\w-]+$'
        [pscredential]::new('x', $secure).GetNetworkCredential().Password | Should -Be $plain
        $invoices = Invoke-RestMethod -Uri "$($Emulator.BaseUrl)/v1/invoices" -Headers @{ Authorization = "Bearer $plain" } -SkipCertificateCheck
        $invoices.items.Count | Should -BeGreaterThan 0
        (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 0
    }

    It 'shows the context without any secret' {
        Connect-PcEmulator $Emulator | Out-Null
        $token = Get-PcAccessToken -AsPlainText
        $context = Get-PcContext
        $context.Environment | Should -Be 'Public'
        $context.Account | Should -BeNullOrEmpty
        $text = ($context | Format-List * | Out-String) + ($context | ConvertTo-Json)
        $text | Should -Not -Match ([regex]::Escape($Emulator.ClientSecret))
        $text | Should -Not -Match ([regex]::Escape($token))
    }

    It 'forgets the connection on Disconnect-PcAccount' {
        Connect-PcEmulator $Emulator | Out-Null
        Disconnect-PcAccount
        Get-PcContext | Should -BeNullOrEmpty
        { Get-PcInvoice } | Should -Throw -ErrorId 'NotConnected,*'
    }

    It 'fails with a clear authentication error for a wrong secret, without echoing it' {
        $thrown = { Connect-PcEmulator $Emulator -ClientSecret 'not-the-secret-42' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,PartnerCenterInvoices.Commands.ConnectPcAccountCommand'
        "$($thrown.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -Match 'invalid_client'
        $thrown.Exception.Message | Should -Not -Match 'not-the-secret-42'
        Get-PcContext | Should -BeNullOrEmpty
    }

    It 'names an unknown tenant' {
        $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
        $thrown = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId 'nobody.onmicrosoft.com' -ClientSecret $secret `
                -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath } |
            Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $thrown.Exception.Message | Should -Match 'nobody.onmicrosoft.com'
    }

    It 'refuses the emulator''s self-signed certificate unless it is named with -TrustedServerCertificate' {
        $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
        $thrown = { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret `
                -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ServerCertificateNotTrusted,*'
        "$($thrown.CategoryInfo.Category)" | Should -Be 'SecurityError'
        $thrown.Exception.Message | Should -Match 'TrustedServerCertificate'
    }

    It 'trusts only the named certificate, not any other' {
        $other = Start-PcEmulator -Invoices 1
        try {
            $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
            # Certificate of one emulator, endpoint of another: must fail.
            { Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret `
                    -Endpoint $other.BaseUrl -AuthorityHost $other.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath } |
                Should -Throw -ErrorId 'ServerCertificateNotTrusted,*'
        }
        finally { Stop-PcEmulator $other }
    }

    # The platform route of the README's TLS decision: on Linux, .NET trusts what SSL_CERT_FILE names.
    It 'trusts the emulator through the platform store (SSL_CERT_FILE) with no parameter' -Skip:(-not $IsLinux) {
        $script = @"
#IMPORT#
`$secret = ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force
Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' -ClientSecret `$secret -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' | Out-Null
"invoices=`$(@(Get-PcInvoice).Count)"
"@
        # OpenSSL reads the variable when the process starts, so the child must be born with it.
        $env:SSL_CERT_FILE = $Emulator.CertificatePath
        try { $output = Invoke-FreshPwsh $script -ImportAfter }
        finally { Remove-Item Env:SSL_CERT_FILE }
        $output | Should -Contain 'invoices=20'
    }

    It 'knows the hosts of the <Name> cloud' -ForEach @(
        @{ Name = 'Public'; Endpoint = 'https://api.partnercenter.microsoft.com/'; Authority = 'https://login.microsoftonline.com/' }
        @{ Name = 'China'; Endpoint = 'https://partner.partnercenterapi.microsoftonline.cn/'; Authority = 'https://login.chinacloudapi.cn/' }
        @{ Name = 'USGovernment'; Endpoint = 'https://api.partnercenter.microsoft.com/'; Authority = 'https://login.microsoftonline.us/' }
    ) {
        # A brought token makes no request at connect time, so the cloud's hosts can be checked offline.
        $context = Connect-PcAccount -AccessToken (ConvertTo-SecureString 'opaque' -AsPlainText -Force) -Environment $Name
        $context.Environment | Should -Be $Name
        "$($context.Endpoint)" | Should -Be $Endpoint
        "$($context.AuthorityHost)" | Should -Be $Authority
    }

    It 'refuses plain http to a host that is not loopback, before any request' {
        $token = ConvertTo-SecureString 'opaque' -AsPlainText -Force
        $thrown = { Connect-PcAccount -AccessToken $token -Endpoint 'http://partner.example.com' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
        "$($thrown.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
    }

    It 'accepts plain http to a loopback host' {
        $token = ConvertTo-SecureString 'opaque' -AsPlainText -Force
        (Connect-PcAccount -AccessToken $token -Endpoint 'http://127.0.0.1:9').Endpoint | Should -Be ([uri]'http://127.0.0.1:9')
    }

    Context 'bring your own token' {
        It 'uses a token minted elsewhere for every request, without asking the identity endpoint' {
            $token = New-PcEmulatorToken $Emulator
            Reset-PcEmulatorStats $Emulator
            $context = Connect-PcAccount -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -Endpoint $Emulator.BaseUrl `
                -TrustedServerCertificate $Emulator.CertificatePath
            $context.AuthenticationKind | Should -Be 'AccessToken'
            $context.TokenExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
            @(Get-PcInvoice).Count | Should -Be 20
            (Get-PcEmulatorStats $Emulator).tokenRequests | Should -Be 0
        }

        It 'refuses an expired JWT at connect time, saying it cannot be renewed' {
            $token = New-PcEmulatorToken $Emulator -LifetimeSeconds -60
            $thrown = { Connect-PcAccount -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -Endpoint $Emulator.BaseUrl `
                    -TrustedServerCertificate $Emulator.CertificatePath } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'AccessTokenExpired,*'
            $thrown.Exception.Message | Should -Match 'cannot be renewed'
            $thrown.Exception.Message | Should -Not -Match ([regex]::Escape($token))
        }

        It 'accepts an opaque token, and reports the service''s 401 when the service refuses it' {
            $context = Connect-PcAccount -AccessToken (ConvertTo-SecureString 'opaque-token' -AsPlainText -Force) -Endpoint $Emulator.BaseUrl `
                -TrustedServerCertificate $Emulator.CertificatePath
            $context.TokenExpiresOn | Should -BeNullOrEmpty
            $thrown = { Get-PcInvoice } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ApiUnauthorized,*'
            "$($thrown.CategoryInfo.Category)" | Should -Be 'AuthenticationError'
            $thrown.Exception.CorrelationId | Should -Not -BeNullOrEmpty
            $thrown.ErrorDetails.RecommendedAction | Should -Match 'cannot be renewed'
            $thrown.Exception.Message | Should -Not -Match 'opaque-token'
        }
    }
}

Describe 'A fresh session' {
    It 'refuses device-code sign-in in a non-interactive session instead of waiting for nobody' {
        $output = Invoke-FreshPwsh "try { Connect-PcAccount -UseDeviceAuthentication -ApplicationId 33333333-3333-3333-3333-333333333333 -TenantId contoso.onmicrosoft.com -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' } catch { `$_.FullyQualifiedErrorId }"
        $output | Should -Be 'InteractiveSignInUnavailable,PartnerCenterInvoices.Commands.ConnectPcAccountCommand'
    }

    It 'answers Get-PcInvoice with the NotConnected error' {
        $output = Invoke-FreshPwsh 'try { Get-PcInvoice } catch { "$($_.FullyQualifiedErrorId)|$($_.CategoryInfo.Category)|$($_.Exception.Message)" }'
        $output | Should -Be 'NotConnected,PartnerCenterInvoices.Commands.GetPcInvoiceCommand|AuthenticationError|You are not connected to Partner Center. Run Connect-PcAccount first.'
    }

    It 'imports with every exported cmdlet and nothing else' {
        $output = Invoke-FreshPwsh '(Get-Command -Module PartnerCenterInvoices).Name -join ","'
        $output | Should -Be 'Connect-PcAccount,Disconnect-PcAccount,Export-PcCsv,Get-PcAccessToken,Get-PcContext,Get-PcInvoice,Get-PcInvoiceLineItem,Get-PcInvoiceSummary,Get-PcReconciliationLineItem,Get-PcUsageLineItem,Save-PcInvoiceStatement'
    }
}
