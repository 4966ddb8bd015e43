BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 30
    $script:Packages = $env:PARTNERCENTERINVOICES_TEST_PACKAGES
    $script:OldMsal = Join-Path $Packages 'microsoft.identity.client/4.61.3/lib/net6.0/Microsoft.Identity.Client.dll'
    $script:OldAbstractions = Join-Path $Packages 'microsoft.identitymodel.abstractions/6.35.0/lib/net6.0/Microsoft.IdentityModel.Abstractions.dll'
    $script:ConnectAndRead = @"
`$secret = ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force
Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' -ClientSecret `$secret ``
    -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' | Out-Null
"invoices=`$(@(Get-PcInvoice).Count)"
"@
    $script:UseOldMsal = @"
Add-Type -Path '$OldAbstractions'
Add-Type -Path '$OldMsal'
`$app = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create('00000000-0000-0000-0000-000000000001').WithClientSecret('x').Build()
"old-msal=`$([Microsoft.Identity.Client.PublicClientApplication].Assembly.GetName().Version) app=`$(`$app.AppConfig.ClientId)"
"@
}

AfterAll { Stop-PcEmulator $Emulator }

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and tells the truth about editions and exports' {
        $manifest = Test-ModuleManifest (Join-Path $ModulePath 'PartnerCenterInvoices.psd1')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @('Connect-PcAccount', 'Disconnect-PcAccount', 'Export-PcCsv', 'Get-PcAccessToken', 'Get-PcContext', 'Get-PcInvoice', 'Get-PcInvoiceLineItem', 'Get-PcInvoiceSummary', 'Get-PcReconciliationLineItem', 'Get-PcUsageLineItem', 'Save-PcInvoiceStatement')
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        # The license link and the shipped LICENSE must name the same license.
        $manifest.LicenseUri.AbsoluteUri | Should -BeExactly 'https://spdx.org/licenses/MIT.html'
        (Get-Content (Join-Path $PSScriptRoot '../LICENSE') -TotalCount 1) | Should -BeExactly 'MIT License'
    }
}

Describe 'The exports' {
    It 'are exactly the cmdlets the assembly defines' {
        $defined = (Get-Command -Module PartnerCenterInvoices -CommandType Cmdlet).ImplementingType |
            Where-Object { $_ } | ForEach-Object { ($_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) | ForEach-Object { "$($_.VerbName)-$($_.NounName)" }) }
        $types = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PartnerCenterInvoices' } |
            ForEach-Object { $_.GetTypes() } | ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
        $manifest = (Import-PowerShellDataFile (Join-Path $ModulePath 'PartnerCenterInvoices.psd1')).CmdletsToExport | Sort-Object
        $manifest | Should -Be $types
        @($defined | Sort-Object) | Should -Be $types
    }
}

Describe 'Dependency isolation' {
    It 'works after the session already loaded MSAL 4.61.3 and used it' {
        Test-Path $OldMsal | Should -BeTrue
        $output = Invoke-FreshPwsh ($UseOldMsal + "`n#IMPORT#`n" + $ConnectAndRead) -ImportAfter
        $output | Should -Contain 'old-msal=4.61.3.0 app=00000000-0000-0000-0000-000000000001'
        $output | Should -Contain 'invoices=30'
    }

    It 'leaves MSAL 4.61.3 loadable and usable after the module signed in' {
        $output = Invoke-FreshPwsh ($ConnectAndRead + "`n" + $UseOldMsal + "`n" + '"again=$(@(Get-PcInvoice).Count)"')
        $output | Should -Contain 'invoices=30'
        $output | Should -Contain 'old-msal=4.61.3.0 app=00000000-0000-0000-0000-000000000001'
        $output | Should -Contain 'again=30'
    }

    It 'keeps its private assemblies out of the default load context' {
        $script = $ConnectAndRead + "`n" + @'
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'Microsoft.Identity.Client', 'PartnerCenterInvoices.Client', 'Polly.Core' } |
    ForEach-Object { '{0}@{1}' -f $_.GetName().Name, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } | Sort-Object
'@
        $output = Invoke-FreshPwsh $script
        $output | Should -Contain 'Microsoft.Identity.Client@PartnerCenterInvoices'
        $output | Should -Contain 'PartnerCenterInvoices.Client@PartnerCenterInvoices'
        $output | Should -Contain 'Polly.Core@PartnerCenterInvoices'
    }

    It 'shares its public models from the default context, even when dependencies/ holds a stray copy of them' {
        # A second copy in the module's context would be a different Invoice type to the client: -is would fail.
        $module = Join-Path $TestDrive 'PartnerCenterInvoices'
        Copy-Item $ModulePath $module -Recurse
        Copy-Item (Join-Path $module 'PartnerCenterInvoices.Models.dll') (Join-Path $module 'dependencies')
        $script = "Import-Module '$module'`n" + $UseOldMsal + "`n" + $ConnectAndRead + "`n" + @'
"is-invoice=$((Get-PcInvoice -First 1) -is [PartnerCenterInvoices.Invoice])"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'PartnerCenterInvoices.Models' } |
    ForEach-Object { 'models@{0}' -f [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
'@
        $output = Invoke-Pwsh -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; $script" 2>&1 | ForEach-Object { "$_" }
        $output | Should -Contain 'invoices=30'
        $output | Should -Contain 'is-invoice=True'
        @($output | Where-Object { $_ -like 'models@*' }) | Should -Be @('models@Default')
    }
}

# Issue 12 item 11: the output types are public and live in the default load context (only the private
# dependencies are isolated), so a user can name them, filter on them and tab-complete their properties.
Describe 'Types a user can name' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        }
    }

    It 'resolves type literals such as [PartnerCenterInvoices.Invoice] in a fresh session after Import-Module' {
        $names = 'Invoice', 'InvoiceSummary', 'InvoiceLineItem', 'LicenseBasedLineItem', 'DailyRatedUsageLineItem', 'ReconciliationLineItem',
            'UsageLineItem', 'InvoiceType', 'BillingProvider', 'PcContext' | ForEach-Object { "PartnerCenterInvoices.$_" }
        $output = Invoke-FreshPwsh (($names | ForEach-Object { "[$_].FullName" }) -join "`n")
        $output | Should -Be $names
    }

    It 'declares each output type as a type, not a name PowerShell cannot resolve' {
        (Get-Command Get-PcInvoice).OutputType.Type | Should -Be ([type]'PartnerCenterInvoices.Invoice')
        (Get-Command Get-PcInvoiceSummary).OutputType.Type | Should -Be ([type]'PartnerCenterInvoices.InvoiceSummary')
        (Get-Command Get-PcReconciliationLineItem).OutputType.Type | Should -Be ([type]'PartnerCenterInvoices.ReconciliationLineItem')
        (Get-Command Get-PcUsageLineItem).OutputType.Type | Should -Be ([type]'PartnerCenterInvoices.UsageLineItem')
        @((Get-Command Get-PcInvoiceLineItem).OutputType.Type | Sort-Object Name) |
            Should -Be @('DailyRatedUsageLineItem', 'LicenseBasedLineItem', 'OneTimeInvoiceLineItem', 'UsageBasedLineItem' | ForEach-Object { [type]"PartnerCenterInvoices.$_" })
    }

    It 'writes objects of those types: -is [PartnerCenterInvoices.Invoice] and [PartnerCenterInvoices.InvoiceLineItem]' {
        $script = @"
$ConnectAndRead
`$invoice = Get-PcInvoice -First 1
"invoice=`$(`$invoice -is [PartnerCenterInvoices.Invoice])"
`$line = `$invoice | Get-PcInvoiceLineItem | Select-Object -First 1
"line=`$(`$line -is [PartnerCenterInvoices.InvoiceLineItem])"
"filtered=`$(@(Get-PcInvoice | Where-Object { `$_.InvoiceType -eq [PartnerCenterInvoices.InvoiceType]::new('Recurring') }).Count -gt 0)"
"@
        $output = Invoke-FreshPwsh $script
        $output | Should -Contain 'invoice=True'
        $output | Should -Contain 'line=True'
        $output | Should -Contain 'filtered=True'
    }

    It 'writes reconciliation line items that are [PartnerCenterInvoices.ReconciliationLineItem]' {
        Connect-PcEmulator $Emulator | Out-Null
        try {
            $line = Get-PcReconciliationLineItem -InvoiceId (Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id | Select-Object -First 1
            $line -is [type]'PartnerCenterInvoices.ReconciliationLineItem' | Should -BeTrue
        }
        finally { Disconnect-PcAccount }
    }

    It 'offers <Expected> when completing "<Line>"' -ForEach @(
        @{ Line = 'Get-PcInvoice | Where-Object { $_.Inv'; Expected = 'InvoiceDate', 'InvoiceType' }
        @{ Line = 'Get-PcInvoiceLineItem G000000001 | Where-Object { $_.Bill'; Expected = 'BillingProvider' }
        @{ Line = 'Get-PcReconciliationLineItem G000000001 | Where-Object { $_.CustomerD'; Expected = 'CustomerDomainName' }
        @{ Line = 'Get-PcUsageLineItem G000000001 | Where-Object { $_.MeterC'; Expected = 'MeterCategory' }
        @{ Line = 'Get-PcInvoiceSummary | ForEach-Object { $_.Balance'; Expected = 'BalanceAmount' }
    ) {
        $offered = @(Get-Completion $Line)
        foreach ($name in $Expected) { $offered | Should -Contain $name }
    }
}

Describe 'The gallery package' {
    It 'publishes to a PSResource repository, installs by name into a fresh module path, imports by name and reads invoices' {
        $package = Get-ChildItem (Join-Path $RepoRoot 'out') -Filter 'PartnerCenterInvoices.*.nupkg' | Where-Object Name -NotLike '*.Emulator.*' | Select-Object -First 1
        $package | Should -Not -BeNullOrEmpty
        $feed = New-Item -ItemType Directory (Join-Path $TestDrive 'feed')
        $modules = New-Item -ItemType Directory (Join-Path $TestDrive 'modules')
        Copy-Item $package.FullName $feed

        $repository = "PcTest$PID"
        Register-PSResourceRepository -Name $repository -Uri $feed.FullName -Trusted
        try {
            Save-PSResource -Name PartnerCenterInvoices -Repository $repository -Path $modules.FullName -TrustRepository -SkipDependencyCheck
        }
        finally { Unregister-PSResourceRepository -Name $repository }
        $installed = Get-ChildItem $modules.FullName -Recurse -Filter 'PartnerCenterInvoices.psd1' | Select-Object -First 1
        (Import-PowerShellDataFile $installed.FullName).PrivateData.PSData.LicenseUri | Should -BeExactly 'https://spdx.org/licenses/MIT.html'
        Test-Path (Join-Path $installed.DirectoryName 'LICENSE') | Should -BeTrue

        $script = "`$env:PSModulePath = '$($modules.FullName)' + [IO.Path]::PathSeparator + `$env:PSModulePath`n" +
            "Import-Module PartnerCenterInvoices -ErrorAction Stop`n" +
            "'from=' + (Get-Module PartnerCenterInvoices).ModuleBase`n" + $ConnectAndRead
        $output = Invoke-Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }
        $output | Should -Contain 'invoices=30'
        ($output | Where-Object { $_ -like 'from=*' }) | Should -BeLike "from=$($modules.FullName)*"
    }
}
