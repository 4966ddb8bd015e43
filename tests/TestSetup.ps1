# Dot-sourced by every Pester file: the built module and the emulator helpers.
$script:RepoRoot = Split-Path $PSScriptRoot -Parent
$script:ModulePath = Join-Path $RepoRoot 'out/PartnerCenterInvoices'
if (-not (Test-Path (Join-Path $ModulePath 'PartnerCenterInvoices.psd1'))) { throw "Build the module first: ./build.ps1 Build" }
Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'Pwsh.psm1') -Force
Import-Module $ModulePath -Force

function Connect-PcEmulator {
    param([Parameter(Mandatory, Position = 0)] $Emulator, [string] $ClientSecret = $Emulator.ClientSecret, [int] $MaxRetry = 4)
    $secret = ConvertTo-SecureString $ClientSecret -AsPlainText -Force
    Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret $secret `
        -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl -GraphEndpoint $Emulator.BaseUrl -TrustedServerCertificate $Emulator.CertificatePath -MaxRetry $MaxRetry
}

# Runs a script in a fresh pwsh with the built module imported (or, with -ImportAfter, where the
# script says #IMPORT#); returns its output as text lines.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $Script, [switch] $ImportAfter)
    $import = "Import-Module '$ModulePath'"
    $full = if ($ImportAfter) { ("`$ErrorActionPreference = 'Stop'; $Script").Replace('#IMPORT#', $import) } else { "$import; `$ErrorActionPreference = 'Stop'; $Script" }
    Invoke-Pwsh -NoProfile -NonInteractive -Command $full 2>&1 | ForEach-Object { "$_" }
}
