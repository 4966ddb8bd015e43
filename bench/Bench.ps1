#requires -Version 7.4
<#
.SYNOPSIS
    Measures Get-PcInvoice against the plain Invoke-RestMethod loop and a raw HttpClient floor.
.DESCRIPTION
    Each measurement runs in a fresh pwsh process, scenarios alternate, and the median of -Runs is
    reported with peak memory and request counts. Results go to bench/RESULTS.md.
    Run through the build: dotnet pwsh ./build.ps1 Bench
#>
param(
    [int] $Runs = 3,
    [int[]] $Sizes = @(10000, 100000)
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'tests/Emulator.psm1') -Force
Import-Module (Join-Path $root 'tests/Pwsh.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchChild.psm1') -Force
$modulePath = Join-Path $root 'out/PartnerCenterInvoices'
$floorSource = Join-Path $PSScriptRoot 'Floor.cs'

$peak = $BenchPeak

function Get-Scenarios($emulator, [string] $extra = '') {
    $c = Get-BenchConnectScript $modulePath $emulator
    $token = New-PcEmulatorToken $emulator
    [ordered]@{
        'Get-PcInvoice' = "$c`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$n=(Get-PcInvoice -PageSize 1000 $extra | Measure-Object).Count; `"work=`$(`$w.Elapsed.TotalSeconds)`"; `"count=`$n`"; $peak"
        'Invoke-RestMethod loop' = @"
`$w=[Diagnostics.Stopwatch]::StartNew()
`$headers = @{ Authorization = 'Bearer $token' }
`$uri = '$($emulator.BaseUrl)/v1/invoices?size=1000'
`$n = & {
    while (`$uri) {
        `$page = Invoke-RestMethod -Uri `$uri -Headers `$headers -SkipCertificateCheck
        `$page.items
        `$next = `$page.links.PSObject.Properties['next']
        if (`$next) {
            `$uri = '$($emulator.BaseUrl)/v1' + `$next.Value.uri
            `$headers = @{ Authorization = 'Bearer $token' }
            foreach (`$h in `$next.Value.headers) { `$headers[`$h.key] = `$h.value }
        } else { `$uri = `$null }
    }
} | Measure-Object
"work=`$(`$w.Elapsed.TotalSeconds)"; "count=`$(`$n.Count)"; $peak
"@
        # The sheet: Export-PcCsv's invariant cells should cost no more than Export-Csv's culture ones, and stream as well.
        'Get-PcInvoice into Export-Csv' = "$c`n`$f=[IO.Path]::GetTempFileName(); `$w=[Diagnostics.Stopwatch]::StartNew(); Get-PcInvoice -PageSize 1000 $extra | Export-Csv `$f; `"work=`$(`$w.Elapsed.TotalSeconds)`"; $peak; `"count=`$(@(Import-Csv `$f).Count)`"; Remove-Item `$f"
        'Get-PcInvoice into Export-PcCsv' = "$c`n`$f=[IO.Path]::GetTempFileName(); `$w=[Diagnostics.Stopwatch]::StartNew(); Get-PcInvoice -PageSize 1000 $extra | Export-PcCsv `$f; `"work=`$(`$w.Elapsed.TotalSeconds)`"; $peak; `"count=`$(@(Import-Csv `$f).Count)`"; Remove-Item `$f"
        # The same read after a first one in the same process: JIT and connection set-up paid already.
        'Get-PcInvoice (warm process)' = "$c`n`$null = Get-PcInvoice -First 20000 -PageSize 1000`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$n=(Get-PcInvoice -PageSize 1000 $extra | Measure-Object).Count; `"work=`$(`$w.Elapsed.TotalSeconds)`"; `"count=`$n`"; $peak"
        # What PowerShell itself costs: the same number of invoices, already in memory, through the same pipeline.
        'pipeline floor (objects in memory)' = "$c`n`$page = @(Get-PcInvoice -First 1000); `$rounds = [int]($($emulator.Invoices) / 1000)`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$n=(& { foreach (`$r in 1..`$rounds) { `$page } } | Measure-Object).Count; `"work=`$(`$w.Elapsed.TotalSeconds)`"; `"count=`$n`"; $peak"
        'HttpClient floor' = @"
Add-Type -Path '$floorSource' -ErrorAction Stop 2>`$null
`$w=[Diagnostics.Stopwatch]::StartNew(); `$r=[BenchFloor]::Run('$($emulator.BaseUrl)', '$($emulator.CertificatePath)', '$token', 1000)
"work=`$(`$w.Elapsed.TotalSeconds)"; "pages=`$(`$r[0])"; $peak
"@
    }
}

function Measure-Alternating($emulator, $scenarios) {
    $samples = @{}
    foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[object]]::new() }
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($name in $scenarios.Keys) {
            Reset-PcEmulatorStats $emulator
            $result = Invoke-BenchChild $scenarios[$name]
            $result.requests = (Get-PcEmulatorStats $emulator).apiRequests
            $samples[$name].Add($result)
            Write-Host ("  run {0} {1,-34} work {2:0.000} s  wall {3:0.00} s  peak {4} MB  requests {5}" -f $run, $name, [double]$result['work'], $result.WallSeconds, $result['peakMB'], $result.requests)
        }
    }
    foreach ($name in $scenarios.Keys) {
        $sorted = @($samples[$name] | Sort-Object { [double]$_.work })
        $median = $sorted[[int][math]::Floor($sorted.Count / 2)]
        [pscustomobject]@{ Scenario = $name; Work = [double]$median['work']; Wall = $median.WallSeconds; PeakMB = $median['peakMB']; Requests = $median.requests; Count = $median['count'] }
    }
}

$report = [Collections.Generic.List[string]]::new()
$report.Add('# Benchmark results')
$report.Add('')
$memoryGB = [math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB)
$report.Add("Machine: $([Environment]::ProcessorCount) cores, $memoryGB GB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion), .NET $([Environment]::Version).")
$report.Add("Command: ``dotnet pwsh ./build.ps1 Bench`` ($Runs alternated runs per scenario, median shown; 'work' is timed inside each child process, 'wall' includes starting pwsh).")
$report.Add("Date: $((Get-Date).ToUniversalTime().ToString('u'))")
$report.Add('')

foreach ($size in $Sizes) {
    Write-Host "Invoices: $size"
    $emulator = Start-PcEmulator -Invoices $size -Seed 5
    try { $rows = @(Measure-Alternating $emulator (Get-Scenarios $emulator)) }
    finally { Stop-PcEmulator $emulator }
    $module = $rows | Where-Object Scenario -eq 'Get-PcInvoice'
    $report.Add("## $size invoices, page size 1000")
    $report.Add('')
    $report.Add('| scenario | work (s) | wall (s) | peak RSS (MB) | requests | ratio to Get-PcInvoice |')
    $report.Add('|---|---|---|---|---|---|')
    foreach ($row in $rows) {
        $report.Add(('| {0} | {1:0.000} | {2:0.00} | {3} | {4} | {5:0.00}x |' -f $row.Scenario, $row.Work, $row.Wall, $row.PeakMB, $row.Requests, ($row.Work / $module.Work)))
    }
    $floor = $rows | Where-Object Scenario -eq 'HttpClient floor'
    $loop = $rows | Where-Object Scenario -eq 'Invoke-RestMethod loop'
    $warm = $rows | Where-Object Scenario -eq 'Get-PcInvoice (warm process)'
    $report.Add('')
    $report.Add(('Invoke-RestMethod loop / Get-PcInvoice: {0:0.0}x. Get-PcInvoice / HttpClient floor: {1:0.00}x cold, {2:0.00}x in a warm process.' -f ($loop.Work / $module.Work), ($module.Work / $floor.Work), ($warm.Work / $floor.Work)))
    $report.Add('')
}

# Line items: one invoice's billing lines of one provider, 10k and 1M of them; memory must stay flat.
$lineRows = foreach ($lines in 10000, 1000000) {
    Write-Host "Line items: $lines"
    $emulator = Start-PcEmulator -Invoices 1 -Seed 5 -ExtraArguments '--line-items-per-invoice', $lines
    try {
        $c = Get-BenchConnectScript $modulePath $emulator
        $read = "$c`n`$invoice = Get-PcInvoice -First 1; `$provider = [string]`$invoice.InvoiceDetails[0].BillingProvider`n" +
            "`$w=[Diagnostics.Stopwatch]::StartNew(); `$n=(Get-PcInvoiceLineItem -InvoiceId `$invoice.Id -BillingProvider `$provider | Measure-Object).Count; `"work=`$(`$w.Elapsed.TotalSeconds)`"; `"count=`$n`"; $peak"
        $row = @(Measure-Alternating $emulator ([ordered]@{ "Get-PcInvoiceLineItem, $lines lines" = $read }))[0]
        $row
    }
    finally { Stop-PcEmulator $emulator }
}
$report.Add('## Line items of one invoice, page size 2000')
$report.Add('')
$report.Add('| scenario | work (s) | peak RSS (MB) | requests | lines read |')
$report.Add('|---|---|---|---|---|')
foreach ($row in $lineRows) { $report.Add(('| {0} | {1:0.000} | {2} | {3} | {4} |' -f $row.Scenario, $row.Work, $row.PeakMB, $row.Requests, $row.Count)) }
$report.Add(('Peak memory from 10k to 1M lines: {0:+0.0;-0.0} MB.' -f ([double]$lineRows[1].PeakMB - [double]$lineRows[0].PeakMB)))
$report.Add('')

# Prefetch: 100 pages of 100 invoices, each answer delayed 100 ms by the emulator.
Write-Host 'Latency 100 ms: prefetch on and off'
$emulator = Start-PcEmulator -Invoices 10000 -Seed 5 -ExtraArguments '--latency-ms', '100'
try {
    $c = Get-BenchConnectScript $modulePath $emulator
    # Two consumers: Measure-Object (almost free, so only latency counts) and one that spends about
    # as long on a page as the network does (1 ms per invoice, as a slow Export-Csv or a lookup would).
    $measure = "| Measure-Object).Count"
    $busy = "| ForEach-Object { [Threading.Thread]::Sleep(1); `$_ } | Measure-Object).Count"
    # Prefetch is turned off for a child by the environment variable the module reads at each call.
    $time = { param($prefetch, $consumer) "`$env:PARTNERCENTERINVOICES_PREFETCH = '$prefetch'`n$c`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$n=(Get-PcInvoice -PageSize 100 $consumer; `"work=`$(`$w.Elapsed.TotalSeconds)`"; `"count=`$n`"; $peak" }
    $latency = [ordered]@{
        'prefetch on, Measure-Object' = & $time 'on' $measure
        'prefetch off, Measure-Object' = & $time 'off' $measure
        'prefetch on, 1 ms per invoice' = & $time 'on' $busy
        'prefetch off, 1 ms per invoice' = & $time 'off' $busy
    }
    $rows = @(Measure-Alternating $emulator $latency)
}
finally { Stop-PcEmulator $emulator }
$ratio = { param($consumer) ($rows | Where-Object Scenario -eq "prefetch on, $consumer").Work / ($rows | Where-Object Scenario -eq "prefetch off, $consumer").Work }
$report.Add('## 100 pages with 100 ms latency per response (10,000 invoices, page size 100)')
$report.Add('')
$report.Add('| scenario | work (s) | peak RSS (MB) | requests |')
$report.Add('|---|---|---|---|')
foreach ($row in $rows) { $report.Add(('| {0} | {1:0.000} | {2} | {3} |' -f $row.Scenario, $row.Work, $row.PeakMB, $row.Requests)) }
$report.Add(('Prefetch on / off: {0:0.00} with Measure-Object, {1:0.00} with 1 ms of work per invoice.' -f (& $ratio 'Measure-Object'), (& $ratio '1 ms per invoice')))
$report.Add('')

# Import cost and time to the first object.
Write-Host 'Import and first object'
$emulator = Start-PcEmulator -Invoices 100000 -Seed 5
try {
    $c = Get-BenchConnectScript $modulePath $emulator
    $startup = [ordered]@{
        'bare pwsh' = '"work=0"'
        'pwsh + Import-Module' = "`$w=[Diagnostics.Stopwatch]::StartNew(); Import-Module '$modulePath'; `"work=`$(`$w.Elapsed.TotalSeconds)`""
        'first object of 100k' = "$c`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$first = Get-PcInvoice -PageSize 1000 | Select-Object -First 1; `"work=`$(`$w.Elapsed.TotalSeconds)`""
        'one page of 1000' = "$c`n`$w=[Diagnostics.Stopwatch]::StartNew(); `$n = (Get-PcInvoice -First 1000 | Measure-Object).Count; `"work=`$(`$w.Elapsed.TotalSeconds)`""
    }
    $rows = @(Measure-Alternating $emulator $startup)
}
finally { Stop-PcEmulator $emulator }
$bare = $rows | Where-Object Scenario -eq 'bare pwsh'; $import = $rows | Where-Object Scenario -eq 'pwsh + Import-Module'
$report.Add('## Start-up')
$report.Add('')
$report.Add('| scenario | work (s) | wall (s) |')
$report.Add('|---|---|---|')
foreach ($row in $rows) { $report.Add(('| {0} | {1:0.000} | {2:0.00} |' -f $row.Scenario, $row.Work, $row.Wall)) }
$report.Add(('Import-Module above a bare pwsh (wall): {0:0.000} s' -f ($import.Wall - $bare.Wall)))
$report.Add('')

$results = Join-Path $PSScriptRoot 'RESULTS.md'
$report | Set-Content $results -Encoding utf8
Write-Host "Written: $results"

# The Graph billing exports: their own section of RESULTS.md, below the invoice results just written.
& (Join-Path $PSScriptRoot 'ExportBench.ps1') -Runs $Runs
