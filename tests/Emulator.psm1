# Starts and drives the local Partner Center emulator for tests, the demo and benchmarks.
# Test code only: it talks to the emulator's control endpoints and never ships in the module.

$script:Root = Split-Path $PSScriptRoot -Parent
$script:EmulatorDll = Join-Path $script:Root 'src/PartnerCenterInvoices.Emulator/bin/Release/net10.0/PartnerCenterInvoices.Emulator.dll'

# The test application the emulator registers when given no --app.
$script:DefaultApplicationId = '11111111-1111-1111-1111-111111111111'
$script:DefaultClientSecret = 'emulator-secret'
$script:DefaultTenantId = 'contoso.onmicrosoft.com'

function Start-PcEmulator {
    [CmdletBinding()]
    param(
        [int] $Invoices = 250,
        [int] $Seed = 1,
        [ValidateSet('continuation', 'offset')] [string] $Paging = 'continuation',
        [int] $TokenLifetime = 3600,
        # Graph billing exports and the blob host (see the emulator README); unset ones keep the emulator's defaults.
        [long] $ExportLines = -1,
        [int] $ExportBlobs = 0,
        [int] $ExportRunningPolls = -1,
        [int] $ExportReadyAfterSeconds = -1,
        [int] $ExportRetryAfter = -1,
        [ValidateSet('link', 'inline')] [string] $ManifestStyle,
        [ValidateSet('succeeded', 'completed')] [string] $OperationStatusSpelling,
        [int] $SasLifetimeSeconds = 0,
        [long] $BlobBytesPerSecond = 0,
        [int] $BlobLatencyMs = 0,
        [string[]] $ExtraLineField = @(),
        [string[]] $NoGraphConsent = @(),
        [switch] $RetireV1LineItems,
        [string[]] $ExtraArguments = @()
    )
    if (-not (Test-Path $script:EmulatorDll)) { throw "The emulator is not built: $script:EmulatorDll. Run ./build.ps1 Build." }
    $certificatePath = Join-Path ([System.IO.Path]::GetTempPath()) ("pc-emulator-{0}.pem" -f [guid]::NewGuid())
    $arguments = @($script:EmulatorDll, '--port', '0', '--seed', $Seed, '--invoices', $Invoices, '--paging', $Paging,
        '--token-lifetime', $TokenLifetime, '--cert-file', $certificatePath, '--parent-pid', $PID)
    if ($ExportLines -ge 0) { $arguments += '--export-lines', $ExportLines }
    if ($ExportBlobs -gt 0) { $arguments += '--export-blobs', $ExportBlobs }
    if ($ExportRunningPolls -ge 0) { $arguments += '--export-running-polls', $ExportRunningPolls }
    if ($ExportReadyAfterSeconds -ge 0) { $arguments += '--export-ready-after-seconds', $ExportReadyAfterSeconds }
    if ($ExportRetryAfter -ge 0) { $arguments += '--export-retry-after', $ExportRetryAfter }
    if ($ManifestStyle) { $arguments += '--manifest-style', $ManifestStyle }
    if ($OperationStatusSpelling) { $arguments += '--operation-status-spelling', $OperationStatusSpelling }
    if ($SasLifetimeSeconds -gt 0) { $arguments += '--sas-lifetime-seconds', $SasLifetimeSeconds }
    if ($BlobBytesPerSecond -gt 0) { $arguments += '--blob-bytes-per-second', $BlobBytesPerSecond }
    if ($BlobLatencyMs -gt 0) { $arguments += '--blob-latency-ms', $BlobLatencyMs }
    foreach ($field in $ExtraLineField) { $arguments += '--extra-line-field', $field }
    foreach ($clientId in $NoGraphConsent) { $arguments += '--no-graph-consent', $clientId }
    if ($RetireV1LineItems) { $arguments += '--retire-v1-line-items' }
    $arguments += $ExtraArguments

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in $arguments) { $info.ArgumentList.Add([string]$argument) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    # Drain stderr in the background so a chatty emulator never blocks on a full pipe.
    $stderr = $process.StandardError.ReadToEndAsync()

    $readyLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readyLine.Wait([TimeSpan]::FromSeconds(60)) -or -not $readyLine.Result) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw "The emulator did not report ready. stderr: $($stderr.Result)"
    }
    $baseUrl = $readyLine.Result.Trim()
    if ($baseUrl -notmatch '^https://127\.0\.0\.1:\d+$') { throw "Unexpected ready line from the emulator: '$baseUrl'" }
    # The blob host listens on a port of its own (another origin); only the info endpoint names it.
    $blobBaseUrl = (Invoke-RestMethod -Uri "$baseUrl/_emulator/info" -SkipCertificateCheck).blobBaseUrl

    [pscustomobject]@{
        PSTypeName      = 'PcEmulator'
        BaseUrl         = $baseUrl
        BlobBaseUrl     = $blobBaseUrl
        Process         = $process
        CertificatePath = $certificatePath
        ApplicationId   = $script:DefaultApplicationId
        ClientSecret    = $script:DefaultClientSecret
        TenantId        = $script:DefaultTenantId
        Invoices        = $Invoices
    }
}

function Stop-PcEmulator {
    param([Parameter(Mandatory, Position = 0)] $Emulator)
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $null = $Emulator.Process.WaitForExit(10000)
    }
    Remove-Item $Emulator.CertificatePath -ErrorAction SilentlyContinue
}

function Invoke-PcEmulatorControl {
    param($Emulator, [string] $Method, [string] $Path, $Body)
    $parameters = @{ Method = $Method; Uri = "$($Emulator.BaseUrl)/_emulator/$Path"; SkipCertificateCheck = $true }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $parameters.Body = ($Body | ConvertTo-Json -Compress)
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Get-PcEmulatorStats { param([Parameter(Mandatory, Position = 0)] $Emulator) Invoke-PcEmulatorControl $Emulator GET stats }
function Reset-PcEmulatorStats { param([Parameter(Mandatory, Position = 0)] $Emulator) $null = Invoke-PcEmulatorControl $Emulator POST reset }

function Set-PcEmulatorFault {
    param([Parameter(Mandatory, Position = 0)] $Emulator, [int] $Status, [int] $Count = 1, [string] $PathPrefix = '/v1/invoices')
    $null = Invoke-PcEmulatorControl $Emulator POST faults @{ status = $Status; count = $Count; pathPrefix = $PathPrefix }
}

function New-PcEmulatorToken {
    param([Parameter(Mandatory, Position = 0)] $Emulator, [int] $LifetimeSeconds = 3600, [string] $Audience)
    $query = "token?appId=$($Emulator.ApplicationId)&lifetime=$LifetimeSeconds"
    if ($Audience) { $query += "&audience=$([uri]::EscapeDataString($Audience))" }
    (Invoke-PcEmulatorControl $Emulator POST $query).access_token
}

# A fault mode for one leg, e.g. @{ mode = 'truncate'; every = 1; pathPrefix = '/reconexports' } for blob bodies or
# @{ mode = 'throttle'; every = 2; pathPrefix = '/v1.0/reports/partners/billing/operations' } for the polls.
function Set-PcEmulatorFaultMode {
    param([Parameter(Mandatory, Position = 0)] $Emulator, [Parameter(Mandatory, Position = 1)] [hashtable] $Fault)
    $null = Invoke-PcEmulatorControl $Emulator POST faults $Fault
}

function Clear-PcEmulatorFault { param([Parameter(Mandatory, Position = 0)] $Emulator) $null = Invoke-PcEmulatorControl $Emulator DELETE faults }

# Every SAS token the emulator has minted so far expires now (a "SAS expires before the last blob" spec).
function Invoke-PcEmulatorSasExpiry { param([Parameter(Mandatory, Position = 0)] $Emulator) $null = Invoke-PcEmulatorControl $Emulator POST sas/expire }

Export-ModuleMember -Function Start-PcEmulator, Stop-PcEmulator, Get-PcEmulatorStats, Reset-PcEmulatorStats, Set-PcEmulatorFault, New-PcEmulatorToken,
    Invoke-PcEmulatorSasExpiry, Set-PcEmulatorFaultMode, Clear-PcEmulatorFault
