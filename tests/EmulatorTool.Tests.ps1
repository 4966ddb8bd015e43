BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

AfterAll { Disconnect-PcAccount }

Describe 'The emulator as a .NET tool' {
    It 'installs by name from a local feed, runs as pcemulator and serves the module' {
        # build.ps1 Package writes it (Test runs Package first).
        $package = Get-ChildItem (Join-Path $RepoRoot 'out') -Filter 'PartnerCenterInvoices.Emulator.*.nupkg' | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty -Because 'build.ps1 Package writes the emulator tool package'
        $feed = New-Item -ItemType Directory (Join-Path $TestDrive 'feed')
        $tools = Join-Path $TestDrive 'tools'
        Copy-Item $package.FullName $feed
        # Only the folder as a source: the install works offline and never asks nuget.org.
        $config = Join-Path $TestDrive 'nuget.config'
        Set-Content $config "<configuration><packageSources><clear /><add key=`"feed`" value=`"$($feed.FullName)`" /></packageSources></configuration>"

        $installed = & dotnet tool install --tool-path $tools --configfile $config PartnerCenterInvoices.Emulator 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($installed -join "`n")
        $command = Get-ChildItem $tools -Filter 'pcemulator*' | Where-Object Extension -in '', '.exe' | Select-Object -First 1
        $command | Should -Not -BeNullOrEmpty

        $certificate = Join-Path $TestDrive 'emulator.pem'
        $info = [System.Diagnostics.ProcessStartInfo]::new($command.FullName)
        foreach ($argument in '--port', '0', '--invoices', '7', '--cert-file', $certificate, '--parent-pid', $PID) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $null = $process.StandardError.ReadToEndAsync()
            $ready = $process.StandardOutput.ReadLineAsync()
            $ready.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue
            $baseUrl = $ready.Result
            $baseUrl | Should -Match '^https://127\.0\.0\.1:\d+$'

            # The defaults every emulator registers: what the README's offline runbook test connects with.
            Connect-PcAccount -ApplicationId 11111111-1111-1111-1111-111111111111 -TenantId contoso.onmicrosoft.com `
                -ClientSecret (ConvertTo-SecureString 'emulator-secret' -AsPlainText -Force) -Endpoint $baseUrl -AuthorityHost $baseUrl `
                -TrustedServerCertificate $certificate | Out-Null
            @(Get-PcInvoice).Count | Should -Be 7
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true); $null = $process.WaitForExit(10000) }
        }
    }
}
