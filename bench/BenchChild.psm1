# What both benchmark scripts need: run a scenario in its own pwsh and read what it measured, and the
# lines a scenario starts with (import and sign in) and ends with (its peak memory).
Import-Module (Join-Path (Split-Path $PSScriptRoot -Parent) 'tests/Pwsh.psm1')

# Every child prints what it measured itself (name=value lines), so process start-up is visible apart from the work.
function Invoke-BenchChild([string] $Script) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $output = Invoke-Pwsh -NoProfile -NonInteractive -Command ("`$ErrorActionPreference = 'Stop'`n" + $Script) 2>&1 | ForEach-Object { "$_" }
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "Benchmark child failed: $($output -join "`n")" }
    $result = @{ WallSeconds = $watch.Elapsed.TotalSeconds }
    foreach ($line in $output) { if ($line -match '^(\w+)=(.+)$') { $result[$Matches[1]] = $Matches[2] } }
    $result
}

# A child's first lines: import the built module and sign in to the emulator (Graph included).
function Get-BenchConnectScript([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] $Emulator) {
    "Import-Module '$ModulePath'`n" +
    "Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' " +
    "-ClientSecret (ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force) -Endpoint '$($Emulator.BaseUrl)' " +
    "-AuthorityHost '$($Emulator.BaseUrl)' -GraphEndpoint '$($Emulator.BaseUrl)' -TrustedServerCertificate '$($Emulator.CertificatePath)' | Out-Null"
}

# A child's last line: its peak working set.
$BenchPeak = '"peakMB=$([math]::Round([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB, 1))"'

Export-ModuleMember -Function Invoke-BenchChild, Get-BenchConnectScript -Variable BenchPeak
