#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates the PartnerCenterInvoices module.
.DESCRIPTION
    Build  assembles out/PartnerCenterInvoices (manifest, dlls, format and help files): Import-Module takes that folder.
    Test   builds, checks formatting (dotnet format against .editorconfig), runs the xunit suites and then the Pester
           suites (Pester is restored from NuGet; Azurite, for the spec against real Azure Storage behaviour, from npm:
           Node.js 20+ and npm must be on PATH).
    Demo   builds, starts the local emulator, connects, exports recurring invoices to out/invoices.csv.
    Package builds and writes the gallery package out/PartnerCenterInvoices.<version>.nupkg and the emulator's
           .NET tool package out/PartnerCenterInvoices.Emulator.<version>.nupkg (dotnet tool install; command pcemulator).
    Bench  builds and runs the benchmarks in bench/ (minutes; never part of Test), writing bench/RESULTS.md.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release',

    # Demo: use the module already in out/ (the specs run the demo so, without a second build).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'PartnerCenterInvoices'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

# Children (help generation, the Pester run) start the same PowerShell this build runs in.
Import-Module (Join-Path $root 'tests/Pwsh.psm1') -Force
function Invoke-ChildPwsh { Invoke-Pwsh -NoProfile -NonInteractive @args }

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'PartnerCenterInvoices.slnx') -c $Configuration --nologo -v quiet '-clp:ErrorsOnly'
    $bin = Join-Path $root "src/PartnerCenterInvoices/bin/$Configuration/netstandard2.0"
    $loadContextBin = Join-Path $root "src/PartnerCenterInvoices.LoadContext/bin/$Configuration/net8.0"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'dependencies')
    # Only the cmdlets and the public models (the types users name and tab-complete) sit beside the
    # manifest, in the session's default load context. Everything private goes to dependencies/,
    # where PowerShell's own probing never looks: pwsh 7 loads it into the module's load context,
    # Windows PowerShell 5.1 resolves it from there. PowerShell's own assembly comes from the host.
    $public = 'PartnerCenterInvoices.dll', 'PartnerCenterInvoices.Models.dll'
    $public | ForEach-Object { Copy-Item (Join-Path $bin $_) -Destination $moduleOut }
    Get-ChildItem $bin -Filter *.dll | Where-Object Name -notin ($public + 'System.Management.Automation.dll') |
        Copy-Item -Destination $dependencies
    Copy-Item (Join-Path $loadContextBin 'PartnerCenterInvoices.LoadContext.dll') -Destination $dependencies
    Copy-Item (Join-Path $root 'module/*') -Destination $moduleOut -Recurse
    Copy-Item (Join-Path $root 'PartnerCenterInvoices.psd1') -Destination $moduleOut
    # Help is built in a child pwsh: it imports the module, which this build process must not hold.
    $helpScript = Join-Path $root 'src/PartnerCenterInvoices/help/ConvertTo-MamlHelp.ps1'
    Invoke-ChildPwsh -File $helpScript -ModulePath $moduleOut -SourceFolder (Split-Path $helpScript) `
        -OutputFile (Join-Path $moduleOut 'en-US/PartnerCenterInvoices.dll-Help.xml')
    if ($LASTEXITCODE -ne 0) { throw 'Building the help failed.' }
    Write-Host "Module assembled in $moduleOut"
}

function Invoke-Package {
    Invoke-Build
    Copy-Item (Join-Path $root 'LICENSE'), (Join-Path $root 'CHANGELOG.md') -Destination $moduleOut
    $feed = Join-Path $out 'feed'
    if (Test-Path $feed) { Remove-Item $feed -Recurse -Force }
    New-Item -ItemType Directory -Path $feed | Out-Null
    # A throwaway folder repository: Publish-PSResource writes the .nupkg the gallery would take.
    $repository = "PartnerCenterInvoicesBuild$PID"
    Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    $package = Get-ChildItem $feed -Filter *.nupkg | Select-Object -First 1
    Move-Item $package.FullName -Destination $out -Force
    Remove-Item $feed -Recurse -Force
    Write-Host "Package written: $(Join-Path $out $package.Name)"
    # The emulator as a .NET tool, from the build above: no restore, so this works offline.
    Invoke-Dotnet pack (Join-Path $root 'src/PartnerCenterInvoices.Emulator/PartnerCenterInvoices.Emulator.csproj') -c $Configuration `
        --no-build --nologo -v quiet -o $out
    Write-Host "Emulator tool package written: $(Join-Path $out 'PartnerCenterInvoices.Emulator.*.nupkg')"
}

function Get-PesterModulePath {
    Invoke-Dotnet restore (Join-Path $root 'tests/tools/TestTools.csproj') --nologo -v quiet
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    # The PowerShell suites find other restored test packages (an older MSAL) through this.
    $env:PARTNERCENTERINVOICES_TEST_PACKAGES = $packages.Trim()
    $manifest = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $manifest)) { throw "Pester was restored but $manifest is missing." }
    $manifest
}

function Invoke-FormatCheck {
    # .editorconfig is the one standard; a difference fails the run before any test does.
    & dotnet format (Join-Path $root 'PartnerCenterInvoices.slnx') --verify-no-changes --no-restore -v quiet
    if ($LASTEXITCODE -ne 0) { throw "Formatting differs from .editorconfig (above). Run: dotnet format PartnerCenterInvoices.slnx" }
}

function Invoke-Test {
    # The Azurite spec runs the Azure Storage emulator from npm: install it first (npm ci, only when missing or its
    # lock changed), so a machine without Node.js fails now with a clear message rather than after the build.
    Import-Module (Join-Path $root 'tests/Azurite.psm1') -Force
    Install-Azurite
    # Package includes Build; the install test needs the .nupkg.
    Invoke-Package
    Invoke-FormatCheck
    $passed = 0; $failed = 0; $skipped = 0

    $xunitLog = Join-Path $out 'xunit.log'
    & dotnet test (Join-Path $root 'PartnerCenterInvoices.slnx') -c $Configuration --no-build --nologo 2>&1 | Tee-Object -FilePath $xunitLog
    $xunitExit = $LASTEXITCODE
    foreach ($line in Get-Content $xunitLog) {
        if ($line -match 'Failed:\s+(\d+), Passed:\s+(\d+)') { $failed += [int]$Matches[1]; $passed += [int]$Matches[2] }
    }
    if ($xunitExit -ne 0 -and $failed -eq 0) { $failed++ }

    # Pester runs in a child pwsh so the module under test loads into a process of its own.
    $pester = Get-PesterModulePath
    $resultFile = Join-Path $out 'pester-result.json'
    $script = @"
Import-Module '$pester' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$result = Invoke-Pester -Configuration `$config
@{ Passed = `$result.PassedCount; Failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount; Skipped = `$result.SkippedCount } |
    ConvertTo-Json | Set-Content '$resultFile'
"@
    Invoke-ChildPwsh -Command $script
    if (Test-Path $resultFile) {
        $pesterResult = Get-Content $resultFile -Raw | ConvertFrom-Json
        $passed += $pesterResult.Passed; $failed += $pesterResult.Failed
        $skipped += $pesterResult.Skipped
    }
    else { $failed++ ; Write-Host 'Pester produced no result.' }

    Write-Host ''
    Write-Host "Tests: $passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    if (-not $NoBuild) { Invoke-Build }
    Import-Module (Join-Path $root 'tests/Emulator.psm1') -Force
    $emulator = Start-PcEmulator -Invoices 250 -Seed 7
    try {
        Import-Module $moduleOut -Force
        $secret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force
        Connect-PcAccount -TenantId $emulator.TenantId -ApplicationId $emulator.ApplicationId -ClientSecret $secret `
            -Endpoint $emulator.BaseUrl -AuthorityHost $emulator.BaseUrl -TrustedServerCertificate $emulator.CertificatePath | Out-Host

        $csv = Join-Path $out 'invoices.csv'
        # Export-PcCsv, as the README advises: its cells, and so the rows shown below, read the same in every culture.
        Get-PcInvoice -InvoiceType Recurring | Export-PcCsv -Path $csv

        $rows = Import-Csv $csv
        Write-Host "Exported $($rows.Count) recurring invoices to $csv. The first five, as the file has them:"
        $rows | Select-Object -First 5 Id, InvoiceDate, InvoiceType, DocumentType, CurrencyCode, TotalCharges, PaidAmount |
            Format-Table -AutoSize | Out-String -Width 200 | Out-Host
    }
    finally {
        Stop-PcEmulator $emulator
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Build; & (Join-Path $root 'bench/Bench.ps1') }
}
