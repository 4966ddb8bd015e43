<#
.SYNOPSIS
    Azure Automation runbook: exports the partner's invoices to CSV without ever prompting.
.DESCRIPTION
    Signs in with what the Automation account holds, in this order:
      1. an Automation certificate asset (app-only, certificate),
      2. an Automation credential asset whose user name is the application id and whose password
         is a Secure Application Model refresh token, plus a client secret variable (App+User),
      3. a client secret from an Automation variable (app-only),
      4. the same values from Key Vault through Az.KeyVault when -KeyVaultName is given.
    Then it writes invoices, and the reconciliation line items of last month's invoices (Microsoft
    Graph's billed reconciliation export, the only source of new-commerce lines after March 2025;
    the app needs Graph's PartnerBilling.Read.All), and optionally uploads both files to a blob
    container with Az.Storage. -SkipReconciliation leaves the second file out.
    Refresh tokens die after 90 days without use: schedule this runbook more often than that, or
    renew the stored token, or prefer a certificate.
.EXAMPLE
    # In the Automation account: a certificate asset 'PartnerCenterApp', variables 'PartnerCenterApplicationId'
    # and 'PartnerCenterTenantId'. Schedule the runbook monthly.
    .\Export-PcInvoicesRunbook.ps1 -InvoiceType Recurring -OutputFolder $env:TEMP
.EXAMPLE
    # Re-run the reconciliation of October 2026 only.
    .\Export-PcInvoicesRunbook.ps1 -ReconciliationMonth 2026-10-01 -OutputFolder $env:TEMP
#>
[CmdletBinding()]
param(
    [string] $ApplicationIdVariable = 'PartnerCenterApplicationId',
    [string] $TenantIdVariable = 'PartnerCenterTenantId',
    [string] $CertificateAsset = 'PartnerCenterApp',
    [string] $RefreshTokenCredential = 'PartnerCenterRefreshToken',
    [string] $ClientSecretVariable = 'PartnerCenterClientSecret',
    [string] $KeyVaultName,
    [ValidateSet('Recurring', 'OneTime')] [string] $InvoiceType,
    [string] $OutputFolder = [IO.Path]::GetTempPath(),
    [string] $StorageAccountName,
    [string] $ContainerName = 'invoices',
    [switch] $SkipReconciliation,
    # Any day of the month to reconcile; by default last month.
    [datetime] $ReconciliationMonth
)

# Which way to sign in, from whatever assets exist. Returns the Connect-PcAccount parameters.
function Get-RunbookSignIn {
    param(
        [string] $ApplicationId, [string] $TenantId,
        [System.Security.Cryptography.X509Certificates.X509Certificate2] $Certificate,
        [pscredential] $RefreshToken,
        [securestring] $ClientSecret
    )
    if (-not $ApplicationId -or -not $TenantId) { throw 'The application id and tenant id assets are required.' }
    $common = @{ ApplicationId = $ApplicationId; TenantId = $TenantId }
    if ($Certificate) {
        if (-not $Certificate.HasPrivateKey) { throw "The certificate asset $($Certificate.Thumbprint) has no private key." }
        $common.Certificate = $Certificate
        if ($RefreshToken) { $common.RefreshToken = $RefreshToken.Password }
        return $common
    }
    if (-not $ClientSecret) { throw 'Neither a certificate nor a client secret is available: nothing to sign in with, and a runbook never prompts.' }
    $common.ClientSecret = $ClientSecret
    if ($RefreshToken) { $common.RefreshToken = $RefreshToken.Password }
    $common
}

# One file per run, named by date and type, so monthly runs never overwrite each other.
function Get-ExportFileName {
    param([datetime] $Now = [datetime]::UtcNow, [string] $InvoiceType)
    $kind = if ($InvoiceType) { $InvoiceType.ToLowerInvariant() } else { 'all' }
    'invoices-{0}-{1:yyyyMMdd-HHmmss}.csv' -f $kind, $Now
}

# The first and last day of the calendar month before $Now (UTC): the invoices a monthly run reconciles.
function Get-LastMonthRange {
    param([datetime] $Now = [datetime]::UtcNow)
    $first = [datetime]::new($Now.Year, $Now.Month, 1, 0, 0, 0, [DateTimeKind]::Utc).AddMonths(-1)
    [pscustomobject]@{ From = $first; To = $first.AddMonths(1).AddDays(-1) }
}

function Get-AssetOrNull([scriptblock] $Read) {
    try { & $Read } catch { $null }
}

function Invoke-Runbook {
    $inAutomation = [bool](Get-Command Get-AutomationVariable -ErrorAction SilentlyContinue)
    if ($inAutomation) {
        $applicationId = Get-AutomationVariable -Name $ApplicationIdVariable
        $tenantId = Get-AutomationVariable -Name $TenantIdVariable
        $certificate = Get-AssetOrNull { Get-AutomationCertificate -Name $CertificateAsset }
        $refreshToken = Get-AssetOrNull { Get-AutomationPSCredential -Name $RefreshTokenCredential }
        $secretText = Get-AssetOrNull { Get-AutomationVariable -Name $ClientSecretVariable }
        $secret = if ($secretText) { ConvertTo-SecureString $secretText -AsPlainText -Force }
    }
    elseif ($KeyVaultName) {
        Connect-AzAccount -Identity | Out-Null
        $applicationId = Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $ApplicationIdVariable -AsPlainText
        $tenantId = Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $TenantIdVariable -AsPlainText
        $secret = (Get-AssetOrNull { Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $ClientSecretVariable }).SecretValue
        $refreshValue = (Get-AssetOrNull { Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $RefreshTokenCredential }).SecretValue
        $refreshToken = if ($refreshValue) { [pscredential]::new($applicationId, $refreshValue) }
        $certificate = $null
    }
    else { throw 'Run this in Azure Automation, or give -KeyVaultName.' }

    $signIn = Get-RunbookSignIn -ApplicationId $applicationId -TenantId $tenantId -Certificate $certificate -RefreshToken $refreshToken -ClientSecret $secret
    Connect-PcAccount @signIn | Out-Null

    $path = Join-Path $OutputFolder (Get-ExportFileName -InvoiceType $InvoiceType)
    $query = @{}
    if ($InvoiceType) { $query.InvoiceType = $InvoiceType }
    # Export-PcCsv, not Export-Csv: the sandbox's culture must not decide how dates and amounts read.
    Get-PcInvoice @query | Export-PcCsv -Path $path
    Write-Output "Exported invoices to $path"
    $files = @($path)

    if (-not $SkipReconciliation) {
        $month = if ($ReconciliationMonth) { Get-LastMonthRange -Now $ReconciliationMonth.AddMonths(1) } else { Get-LastMonthRange }
        $reconciliation = Join-Path $OutputFolder ('reconciliation-{0:yyyyMM}-{1:yyyyMMdd-HHmmss}.csv' -f $month.From, [datetime]::UtcNow)
        # A legacy-commerce invoice has no Graph data: its ExportFailed error goes to the job's error
        # stream and the other invoices are still written.
        Get-PcInvoice -InvoiceDateFrom $month.From -InvoiceDateTo $month.To |
            Get-PcReconciliationLineItem -ErrorAction Continue |
            Export-PcCsv -Path $reconciliation
        Write-Output "Exported last month's reconciliation line items to $reconciliation"
        $files += $reconciliation
    }

    if ($StorageAccountName) {
        $context = New-AzStorageContext -StorageAccountName $StorageAccountName -UseConnectedAccount
        foreach ($file in $files) {
            Set-AzStorageBlobContent -File $file -Container $ContainerName -Context $context -Force | Out-Null
            Write-Output "Uploaded to $StorageAccountName/$ContainerName/$(Split-Path $file -Leaf)"
        }
    }
}

# Dot-sourcing (as the tests do) defines the functions without running the export.
if ($MyInvocation.InvocationName -ne '.') { Invoke-Runbook }
