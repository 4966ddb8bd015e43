BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 20

    # Runs a script in a child pwsh whose stdin is closed at once, as a scheduler or CI runner starts
    # it: anything that tries to ask a person either fails (NonInteractive) or reads end of file.
    function Invoke-PwshWithoutInput {
        param([string] $Script, [switch] $NonInteractive)
        $command = Get-PwshCommand
        $info = [System.Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile') + @(if ($NonInteractive) { '-NonInteractive' }) + @('-Command', '-')) {
            $info.ArgumentList.Add($argument)
        }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        # -Command - reads the script from stdin; closing stdin right after it is what a runbook host does.
        $process = [System.Diagnostics.Process]::Start($info)
        $stderr = $process.StandardError.ReadToEndAsync()
        $process.StandardInput.WriteLine($Script.Replace("`r", '').Replace("`n", '; '))
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEnd()
        if (-not $process.WaitForExit(60000)) { $process.Kill($true); throw 'The child pwsh hung: something waited for input.' }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout + $stderr.Result }
    }

    $script:ConnectScript = "Import-Module '$ModulePath'; `$ErrorActionPreference = 'Stop'; " +
        "Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' " +
        "-ClientSecret (ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force) -Endpoint '$($Emulator.BaseUrl)' " +
        "-AuthorityHost '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' | Out-Null"
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe '-Debug' {
    It 'prints the wire trace and never prompts, <Case>' -ForEach @(
        @{ Case = 'under pwsh -NonInteractive'; NonInteractive = $true }
        @{ Case = 'with stdin at end of file'; NonInteractive = $false }
    ) {
        $result = Invoke-PwshWithoutInput -NonInteractive:$NonInteractive -Script (
            $ConnectScript.Replace('| Out-Null', '-Debug | Out-Null') + "; Get-PcInvoice -First 1 -Debug | ForEach-Object { 'ID=' + `$_.Id }; 'DONE'")
        $result.Output | Should -Not -Match 'NonInteractive mode'
        $result.Output | Should -Not -Match 'Continue with this operation'
        $result.Output | Should -Not -Match 'NullReferenceException|Object reference not set'
        $result.Output | Should -Match 'ID=\S+'
        $result.Output | Should -Match 'DEBUG: HTTP request: GET https://127\.0\.0\.1:\d+/v1/invoices'
        # The per-request line -Verbose would show is part of the -Debug trace as well.
        $result.Output | Should -Match 'GET /v1/invoices\S* -> 200'
        $result.Output | Should -Match 'DONE'
        $result.ExitCode | Should -Be 0
    }

    It 'still writes verbose lines to the verbose stream with -Verbose -Debug' {
        Connect-PcEmulator $Emulator | Out-Null
        $DebugPreference = 'SilentlyContinue'
        $records = Get-PcInvoice -First 1 -Verbose -Debug 5>$null 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($records | Where-Object Message -match '^GET /v1/invoices\S* -> 200').Count | Should -Be 1
    }
}

Describe '-Verbose' {
    It 'shows every request of a token renewal: the 401, the token request and the re-send, never a token' {
        $connected = Connect-PcEmulator $Emulator -Verbose 4>&1
        $connectLines = @($connected | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        # The sign-in itself is a request, so it has its line.
        @($connectLines | Where-Object { $_ -match '^POST /contoso\.onmicrosoft\.com/oauth2/v2\.0/token -> 200 ' }).Count | Should -Be 1
        Get-PcInvoice -First 1 | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/revoke-tokens" -SkipCertificateCheck | Out-Null

        $verbose = @(Get-PcInvoice -First 2 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $requests = @($verbose | Where-Object { $_ -match '^(GET|POST) ' })
        $requests[0] | Should -Match '^GET /v1/invoices\S* -> 401 Unauthorized in \d+ ms'
        $requests[1] | Should -Match '^POST /contoso\.onmicrosoft\.com/oauth2/v2\.0/token -> 200 OK in \d+ ms'
        $requests[2] | Should -Match '^GET /v1/invoices\S* -> 200 OK in \d+ ms \(MS-RequestId [0-9a-f-]{36}\)'
        $requests.Count | Should -Be 3
        $text = ($connectLines + $verbose) -join "`n"
        $text | Should -Not -Match ([regex]::Escape($Emulator.ClientSecret))
        $text | Should -Not -Match 'eyJ[\w-]+\.'
        $text | Should -Not -Match 'client_secret|access_token|refresh_token'
    }
}
