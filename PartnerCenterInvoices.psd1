@{
    RootModule           = 'PartnerCenterInvoices.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0b7a8e-3c51-4d0e-9a43-2b7d8c6e51f4'
    Author               = 'PartnerCenterInvoices contributors'
    CompanyName          = 'PartnerCenterInvoices contributors'
    Copyright            = '(c) PartnerCenterInvoices contributors. MIT License.'
    Description          = 'Streams Microsoft Partner Center billing invoices into the PowerShell pipeline as typed objects: app-only sign-in through MSAL, session token cache, page-by-page streaming.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # The output types, loaded into the session before the cmdlets so [PartnerCenterInvoices.Invoice] resolves.
    RequiredAssemblies   = @('PartnerCenterInvoices.Models.dll')
    CmdletsToExport      = @('Connect-PcAccount', 'Disconnect-PcAccount', 'Export-PcCsv', 'Get-PcAccessToken', 'Get-PcContext', 'Get-PcInvoice', 'Get-PcInvoiceLineItem', 'Get-PcInvoiceSummary', 'Get-PcReconciliationLineItem', 'Get-PcUsageLineItem', 'Save-PcInvoiceStatement')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FormatsToProcess     = @('PartnerCenterInvoices.Format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('PartnerCenter', 'Billing', 'Invoice', 'CSP', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS', 'AzureAutomation')
            # The canonical text of the MIT license this module is under (LICENSE in the package names the holders).
            # ProjectUri is left out until the project has a public home: a made-up address would mislead.
            LicenseUri   = 'https://spdx.org/licenses/MIT.html'
            ReleaseNotes = 'First release. See CHANGELOG.md: Connect-PcAccount (secret, certificate, refresh token, device code, access token), Get-PcInvoice, Get-PcInvoiceLineItem, Get-PcReconciliationLineItem, Get-PcUsageLineItem (Microsoft Graph billing exports), Save-PcInvoiceStatement, Get-PcInvoiceSummary, Export-PcCsv; retries; dependency isolation.'
        }
    }
}
