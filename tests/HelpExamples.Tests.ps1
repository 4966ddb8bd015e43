# Every example in the cmdlets' help runs against the emulator as a reader would start it (no options:
# 250 invoices, seed 1), except those marked <!-- not run: why --> in the help markdown.
BeforeDiscovery {
    $script:Examples = foreach ($file in Get-ChildItem (Join-Path $PSScriptRoot '../src/PartnerCenterInvoices/help') -Filter *.md) {
        $section = ''; $example = $null; $inCode = $false
        foreach ($line in Get-Content $file.FullName) {
            if ($line -match '^```') { $inCode = -not $inCode; continue }
            if ($inCode) { if ($example) { $example.Code += $line + "`n" }; continue }
            if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); continue }
            if ($section -ne 'EXAMPLES') { continue }
            if ($line -match '^### (.+)$') {
                $example = [ordered]@{ Command = $file.BaseName; Title = $Matches[1].Trim(); Code = ''; NotRun = $null }
                $example
                continue
            }
            if ($example -and $line -match '^\s*<!--\s*not run:\s*(.+?)\s*-->\s*$') { $example.NotRun = $Matches[1] }
        }
    }
    $script:Runnable = @($Examples | Where-Object { -not $_.NotRun })
    $script:NotRunnable = @($Examples | Where-Object { $_.NotRun })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator
    $script:EmulatorSecret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force

    # App+User, so statements, summaries and invoices by id work; each example starts from it.
    function script:Connect-AsUser {
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens" -SkipCertificateCheck).refresh_token
        Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $EmulatorSecret `
            -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
            -GraphEndpoint $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
    }

    # Runs one example as its reader would: in a fresh folder, signed in, with the values the examples
    # leave to the reader ($appId, $tenantId, a typed secret) being the emulator's. Returns its warnings.
    function script:Invoke-Example([string] $Code) {
        # Example 4 of Connect-PcAccount names the address and certificate file it started the emulator with.
        $Code = $Code.Replace('https://127.0.0.1:5001', $Emulator.BaseUrl).Replace('./emulator.pem', $Emulator.CertificatePath)
        $appId = $Emulator.ApplicationId
        $tenantId = $Emulator.TenantId
        $otherTenantId = '22222222-2222-2222-2222-222222222222'   # the emulator's second tenant name
        function Read-Host { ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force }
        $PSDefaultParameterValues = @{
            'Connect-PcAccount:Endpoint'                 = $Emulator.BaseUrl
            'Connect-PcAccount:AuthorityHost'            = $Emulator.BaseUrl
            'Connect-PcAccount:GraphEndpoint'            = $Emulator.BaseUrl
            'Connect-PcAccount:TrustedServerCertificate' = $Emulator.CertificatePath
        }
        Push-Location (New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid())))
        try {
            & {
                $ErrorActionPreference = 'Stop'
                $null = . ([scriptblock]::Create($Code))
            } 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object { "$_" }
        }
        finally { Pop-Location }
    }
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Help examples' {
    BeforeEach { Connect-AsUser }

    It '<Command>, <Title>: runs without an error or a warning' -ForEach $Runnable {
        Invoke-Example $Code | Should -BeNullOrEmpty
    }

    It '<Command>, <Title>: is marked as not run, with the reason' -ForEach $NotRunnable {
        $NotRun | Should -Match '\w{3,}'
    }

    It 'runs most examples of every cmdlet' {
        $Runnable.Count | Should -BeGreaterThan (2 * $NotRunnable.Count)
        foreach ($command in $Examples.Command | Select-Object -Unique) {
            @($Runnable | Where-Object Command -eq $command).Count | Should -BeGreaterThan 0 -Because "$command has examples a reader can try"
        }
    }
}

Describe 'Help defaults' {
    It 'shows -<Parameter> of <Command> defaulting to <Default>' -ForEach @(
        @{ Command = 'Connect-PcAccount'; Parameter = 'MaxRetry'; Default = '4' }
        @{ Command = 'Connect-PcAccount'; Parameter = 'RetryTimeLimitSeconds'; Default = '300' }
        @{ Command = 'Connect-PcAccount'; Parameter = 'Environment'; Default = 'Public' }
        @{ Command = 'Get-PcInvoiceLineItem'; Parameter = 'PageSize'; Default = '2000' }
        @{ Command = 'Get-PcInvoiceLineItem'; Parameter = 'LineItemType'; Default = 'BillingLineItems' }
        @{ Command = 'Export-PcCsv'; Parameter = 'Delimiter'; Default = ',' }
        @{ Command = 'Save-PcInvoiceStatement'; Parameter = 'Path'; Default = '.' }
        @{ Command = 'Connect-PcAccount'; Parameter = 'Endpoint'; Default = 'None' }
        @{ Command = 'Get-PcInvoice'; Parameter = 'PageSize'; Default = 'None' }
    ) {
        (Get-Help $Command -Parameter $Parameter).defaultValue | Should -BeExactly $Default
    }
}
