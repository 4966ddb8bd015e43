#requires -Version 7.4
<#
.SYNOPSIS
    Measures Get-PcReconciliationLineItem over Graph billing exports against the script admins write
    (bench/AdminScript.ps1), a raw HttpClient floor (ExportFloor.cs) and the pipeline floor.
.DESCRIPTION
    Each measurement runs in a fresh pwsh process, scenarios alternate, the median of -Runs is
    reported. The emulator writes an export's blobs once and reuses them for the same export, so the
    export is prepared once before measuring and every scenario times its own POST, poll, manifest and
    downloads. Writes the "Graph billing exports" section of bench/RESULTS.md (after the marker line),
    keeping the invoice results above it. Run by Bench.ps1, or alone:
    dotnet pwsh ./bench/ExportBench.ps1 -Sizes 10000,100000 -Runs 3
#>
param(
    [int] $Runs = 3,
    [int[]] $Sizes = @(10000, 100000, 1000000),
    # Daily rated usage exports, measured as the reconciliation ones are.
    [int[]] $UsageSizes = @(1000000),
    # The admin's script takes a minute a million lines: lower this for a quicker run.
    [int] $AdminScriptUpTo = 1000000,
    [switch] $SkipBandwidth,
    [switch] $SkipTwelve
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'tests/Emulator.psm1') -Force
Import-Module (Join-Path $root 'tests/Pwsh.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchChild.psm1') -Force
$modulePath = Join-Path $root 'out/PartnerCenterInvoices'
$floorSource = Join-Path $PSScriptRoot 'ExportFloor.cs'
$adminScript = Join-Path $PSScriptRoot 'AdminScript.ps1'

$peak = $BenchPeak
# Work and the CPU it took (all threads of the child), from the same instant: CPU / cores bounds the work.
$time = '$w=[Diagnostics.Stopwatch]::StartNew(); $cpu0=[Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime'
$done = '"work=$($w.Elapsed.TotalSeconds)"; "cpu=$(([Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpu0).TotalSeconds)"'


# Prepares the export once (the emulator keeps its blobs) and returns the blob URLs for the floor.
function Initialize-Export($emulator, [string] $invoiceId, [string] $kind) {
    $token = New-PcEmulatorToken $emulator -Audience 'https://graph.microsoft.com'
    $headers = @{ Authorization = "Bearer $token" }
    $started = Invoke-WebRequest -Method Post -Uri "$($emulator.BaseUrl)/v1.0/reports/partners/billing/$kind/billed/export" -Headers $headers `
        -Body (@{ invoiceId = $invoiceId; attributeSet = 'full' } | ConvertTo-Json) -ContentType 'application/json' -SkipCertificateCheck
    do {
        Start-Sleep -Milliseconds 500
        $operation = Invoke-RestMethod -Uri @($started.Headers['Location'])[0] -Headers $headers -SkipCertificateCheck
    } while ($operation.status -in 'notStarted', 'running')
    $manifest = Invoke-RestMethod -Uri $operation.'resourceLocation@odata.navigationLink' -Headers $headers -SkipCertificateCheck
    [pscustomobject]@{ Token = $token; Blobs = @($manifest.blobs | ForEach-Object { "$($manifest.rootDirectory.TrimEnd('/'))/$($_.name)?$($manifest.sasToken)" }) }
}

function Get-Scenarios($emulator, [string] $invoiceId, $prepared, [int] $size, [string] $kind = 'reconciliation', [switch] $Bandwidth) {
    $c = Get-BenchConnectScript $modulePath $emulator
    $blobs = "@('" + ($prepared.Blobs -join "','") + "')"
    $read = "$(if ($kind -eq 'usage') { 'Get-PcUsageLineItem' } else { 'Get-PcReconciliationLineItem' }) -InvoiceId $invoiceId"
    $s = [ordered]@{}
    if ($Bandwidth) {
        foreach ($limit in 1, 2, 4, 8) { $s["cmdlet -ThrottleLimit $limit | Measure-Object"] = "$c`n$time; `$n=($read -ThrottleLimit $limit | Measure-Object).Count; $done; `"count=`$n`"; $peak" }
        $s['HttpClient floor, one blob at a time'] = "Add-Type -Path '$floorSource' 2>`$null`n$time; `$r=[BenchExportFloor]::Run($blobs, `$false); $done; `"count=`$(`$r[0])`"; $peak"
        $s['HttpClient floor, all blobs at once'] = "Add-Type -Path '$floorSource' 2>`$null`n$time; `$r=[BenchExportFloor]::Run($blobs, `$true); $done; `"count=`$(`$r[0])`"; $peak"
        return $s
    }
    $s['cmdlet | Measure-Object'] = "$c`n$time; `$n=($read | Measure-Object).Count; $done; `"count=`$n`"; $peak"
    # From the call to the first line in the pipeline: POST, poll, manifest, the first file's first bytes.
    $s['time to first line (cmdlet | Select-Object -First 1)'] = "$c`n$time; `$n=@($read | Select-Object -First 1).Count; $done; `"count=`$n`"; $peak"
    if ($kind -ne 'usage') { $s['cmdlet -ThrottleLimit 1 | Measure-Object'] = "$c`n$time; `$n=($read -ThrottleLimit 1 | Measure-Object).Count; $done; `"count=`$n`"; $peak" }
    $s['cmdlet into Export-PcCsv'] = "$c`n`$f=[IO.Path]::GetTempFileName(); $time; $read | Export-PcCsv `$f; $done; $peak; `"count=`$([Linq.Enumerable]::Count([IO.File]::ReadLines(`$f)) - 1)`"; Remove-Item `$f"
    if ($kind -ne 'usage') { $s['cmdlet into Export-Csv'] = "$c`n`$f=[IO.Path]::GetTempFileName(); $time; $read | Export-Csv `$f; $done; $peak; `"count=`$([Linq.Enumerable]::Count([IO.File]::ReadLines(`$f)) - 1)`"; Remove-Item `$f" }
    # The admin's script is the baseline for reconciliation; for usage it would add minutes and say the same.
    if ($size -le $AdminScriptUpTo -and $kind -ne 'usage') {
        $s['admin script | Measure-Object'] = "$time; `$n=(& '$adminScript' -GraphRoot '$($emulator.BaseUrl)' -Token '$($prepared.Token)' -InvoiceId $invoiceId -Kind $kind | Measure-Object).Count; $done; `"count=`$n`"; $peak"
    }
    $s['HttpClient floor (8 blobs at once, gunzip, count lines)'] = "Add-Type -Path '$floorSource' 2>`$null`n$time; `$r=[BenchExportFloor]::Run($blobs, `$true); $done; `"count=`$(`$r[0])`"; $peak"
    # What PowerShell itself costs: as many ready line objects through the same Measure-Object.
    $s['pipeline floor (objects in memory)'] = "$c`n`$batch = @($read | Select-Object -First 1000); `$rounds = [int]($size / 1000)`n$time; `$n=(& { foreach (`$r in 1..`$rounds) { `$batch } } | Measure-Object).Count; $done; `"count=`$n`"; $peak"
    $s
}

function Measure-Alternating($emulator, $scenarios) {
    $samples = @{}
    foreach ($name in $scenarios.Keys) { $samples[$name] = [Collections.Generic.List[object]]::new() }
    for ($run = 1; $run -le $Runs; $run++) {
        foreach ($name in $scenarios.Keys) {
            Reset-PcEmulatorStats $emulator
            $result = Invoke-BenchChild $scenarios[$name]
            $stats = Get-PcEmulatorStats $emulator
            $result.requests = "$($stats.graphRequests) Graph + $($stats.blobRequests) blob"
            $samples[$name].Add($result)
            Write-Host ("  run {0} {1,-52} work {2:0.000} s  cpu {3:0.0} s  wall {4:0.00} s  peak {5} MB  lines {6}  {7}" -f $run, $name, [double]$result['work'], [double]$result['cpu'], $result.WallSeconds, $result['peakMB'], $result['count'], $result.requests)
        }
    }
    foreach ($name in $scenarios.Keys) {
        $sorted = @($samples[$name] | Sort-Object { [double]$_.work })
        $median = $sorted[[int][math]::Floor($sorted.Count / 2)]
        [pscustomobject]@{ Scenario = $name; Work = [double]$median['work']; Cpu = [double]$median['cpu']; Wall = $median.WallSeconds; PeakMB = [double]$median['peakMB']; Requests = $median.requests; Count = [long]$median['count'] }
    }
}

function Add-Table($report, $rows, [string] $baseline) {
    $base = ($rows | Where-Object Scenario -eq $baseline).Work
    $report.Add('| scenario | work (s) | CPU (s) | wall (s) | peak RSS (MB) | requests | lines | lines/s (work) | ratio to ' + $baseline.Replace('|', '\|') + ' |')
    $report.Add('|---|---|---|---|---|---|---|---|---|')
    foreach ($row in $rows) {
        $report.Add(('| {0} | {1:0.000} | {2:0.0} | {3:0.00} | {4} | {5} | {6} | {7:N0} | {8:0.00}x |' -f $row.Scenario.Replace('|', '\|'), $row.Work, $row.Cpu, $row.Wall, $row.PeakMB, $row.Requests, $row.Count,
                ($row.Count / [math]::Max($row.Work, 0.001)), ($row.Work / $base)))
    }
    $report.Add('')
}

# The issue's targets, each against the figure measured above (those whose scenarios ran).
function Add-Targets($report, $measured) {
    function Row($rows, [string] $name) { $rows | Where-Object Scenario -eq $name }
    $lines = [Collections.Generic.List[string]]::new()
    function Target([string] $target, [string] $figure, [bool] $met) { $lines.Add("| $target | $figure | $(if ($met) { 'met' } else { '**missed**' }) |") }
    $largest = ($Sizes | Measure-Object -Maximum).Maximum
    $big = $measured["reconciliation $largest"]
    if ($big) {
        $cmdlet = Row $big 'cmdlet | Measure-Object'
        $floor = Row $big 'HttpClient floor (8 blobs at once, gunzip, count lines)'
        $pipeline = Row $big 'pipeline floor (objects in memory)'
        $admin = Row $big 'admin script | Measure-Object'
        $csv = Row $big 'cmdlet into Export-PcCsv'
        if ($admin) { Target "≥ 10× faster than the admin's script at $largest lines (whole process)" ('{0:0.0}× ({1:0.0} s against {2:0.0} s wall)' -f ($admin.Wall / $cmdlet.Wall), $cmdlet.Wall, $admin.Wall) (($admin.Wall / $cmdlet.Wall) -ge 10) }
        Target "work ≤ 1.5× the raw floor at $largest lines" ('{0:0.0}× ({1:0.0} s against {2:0.0} s)' -f ($cmdlet.Work / $floor.Work), $cmdlet.Work, $floor.Work) (($cmdlet.Work / $floor.Work) -le 1.5)
        Target "work ≤ raw floor + pipeline floor at $largest lines" ('{0:0.0} s against {1:0.0} s + {2:0.0} s = {3:0.0} s' -f $cmdlet.Work, $floor.Work, $pipeline.Work, ($floor.Work + $pipeline.Work)) ($cmdlet.Work -le ($floor.Work + $pipeline.Work))
        Target "peak RSS ≤ 300 MB at $largest lines" ('{0:0} MB' -f $cmdlet.PeakMB) ($cmdlet.PeakMB -le 300)
        $smallest = ($Sizes | Measure-Object -Minimum).Minimum
        if ($smallest -ne $largest -and $measured["reconciliation $smallest"]) {
            $small = Row $measured["reconciliation $smallest"] 'cmdlet | Measure-Object'
            Target "peak RSS within 30 MB from $smallest to $largest lines" ('{0:+0.0;-0.0} MB ({1:0} → {2:0} MB)' -f ($cmdlet.PeakMB - $small.PeakMB), $small.PeakMB, $cmdlet.PeakMB) ([math]::Abs($cmdlet.PeakMB - $small.PeakMB) -le 30)
        }
        if ($csv) { Target "Export-PcCsv after the read at $largest lines within 2× of the read alone" ('{0:0.00}× ({1:0.0} s against {2:0.0} s)' -f ($csv.Work / $cmdlet.Work), $csv.Work, $cmdlet.Work) (($csv.Work / $cmdlet.Work) -le 2) }
    }
    if ($measured['bandwidth']) {
        $one = Row $measured['bandwidth'] 'cmdlet -ThrottleLimit 1 | Measure-Object'
        $four = Row $measured['bandwidth'] 'cmdlet -ThrottleLimit 4 | Measure-Object'
        Target 'per-connection bandwidth limited: parallel (default 4) ≥ 2.5× one file at a time' ('{0:0.0}× ({1:0.0} s against {2:0.0} s)' -f ($one.Work / $four.Work), $four.Work, $one.Work) (($one.Work / $four.Work) -ge 2.5)
    }
    if ($measured['twelve']) {
        $one = Row $measured['twelve'] 'one invoice'
        $twelve = Row $measured['twelve'] 'twelve invoices through the pipeline'
        Target 'twelve exports of 20 s each ≤ 1.3× one' ('{0:0.00}× ({1:0.0} s against {2:0.0} s)' -f ($twelve.Work / $one.Work), $twelve.Work, $one.Work) (($twelve.Work / $one.Work) -le 1.3)
    }
    if ($lines.Count -eq 0) { return }
    $report.Add("## The issue's targets, against this run")
    $report.Add('')
    $report.Add('| target | measured | |')
    $report.Add('|---|---|---|')
    foreach ($line in $lines) { $report.Add($line) }
    if ($big) {
        $cores = [Environment]::ProcessorCount
        $report.Add('')
        $report.Add(('What bounds the read at {0} lines: it took {1:0.0} s of CPU (all threads, pipeline floor included), so on {2} cores it cannot take less than {3:0.0} s of work; the raw floor took {4:0.0} s of CPU and the pipeline floor {5:0.0} s. Where the CPU goes, and what would move it: bench/README.md.' -f
                $largest, $cmdlet.Cpu, $cores, ($cmdlet.Cpu / $cores), $floor.Cpu, $pipeline.Cpu))
    }
    $report.Add('')
}

# Rewrites the part of RESULTS.md below the marker: after every section, so a run that fails late keeps what it measured.
function Write-Report($report) {
    $results = Join-Path $PSScriptRoot 'RESULTS.md'
    $existing = if (Test-Path $results) { @(Get-Content $results) } else { @() }
    $at = [array]::IndexOf($existing, $marker)
    $keep = if ($at -ge 0) { $existing[0..([math]::Max($at - 1, 0))] } else { $existing + '' }
    ($keep + $report) | Set-Content $results -Encoding utf8
}

$report = [Collections.Generic.List[string]]::new()
$marker = '<!-- export benchmark: written by bench/ExportBench.ps1 below this line -->'
$report.Add($marker)
$report.Add('# Graph billing exports')
$report.Add('')
$report.Add("Machine: $([Environment]::ProcessorCount) cores, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion). " +
    "Command: ``dotnet pwsh ./bench/ExportBench.ps1 -Runs $Runs -Sizes $($Sizes -join ',')``$(if ($SkipBandwidth) { ' -SkipBandwidth' })$(if ($SkipTwelve) { ' -SkipTwelve' }). Date: $((Get-Date).ToUniversalTime().ToString('u')).")
$report.Add('Full reconciliation attribute set, 8 blobs per export, prepared once before measuring (the emulator reuses an export''s blobs); every scenario does its own POST, poll, manifest read and downloads. Median of the runs; "work" is timed inside the child, "wall" adds pwsh start, import and sign-in.')
$report.Add('')

$measured = @{}
$exports = @($Sizes | ForEach-Object { @{ Kind = 'reconciliation'; Size = $_ } }) + @($UsageSizes | ForEach-Object { @{ Kind = 'usage'; Size = $_ } })
foreach ($export in $exports) {
    $size = $export.Size; $kind = $export.Kind
    Write-Host "$kind lines: $size"
    $emulator = Start-PcEmulator -Invoices 6 -Seed 5 -ExportLines $size -ExportBlobs 8 -ExportRunningPolls 0 -ExportRetryAfter 0
    try {
        $invoiceId = (Invoke-BenchChild ((Get-BenchConnectScript $modulePath $emulator) + "`n`"id=`$((Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id)`"")).id
        $prepared = Initialize-Export $emulator $invoiceId $kind
        $rows = @(Measure-Alternating $emulator (Get-Scenarios $emulator $invoiceId $prepared $size $kind))
    }
    finally { Stop-PcEmulator $emulator }
    $measured["$kind $size"] = $rows
    $report.Add("## $size $(if ($kind -eq 'usage') { 'daily rated usage' } else { 'reconciliation' }) lines, 8 blobs")
    $report.Add('')
    Add-Table $report $rows 'cmdlet | Measure-Object'
    Write-Report $report
}

if (-not $SkipBandwidth) {
    # 100,000 lines are about 28 MB gzipped, 3.5 MB a blob; paced to 2 MB/s per download.
    Write-Host 'Bandwidth-limited blob host'
    $emulator = Start-PcEmulator -Invoices 6 -Seed 5 -ExportLines 100000 -ExportBlobs 8 -ExportRunningPolls 0 -ExportRetryAfter 0 -BlobBytesPerSecond 2000000 -BlobLatencyMs 50
    try {
        $invoiceId = (Invoke-BenchChild ((Get-BenchConnectScript $modulePath $emulator) + "`n`"id=`$((Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id)`"")).id
        $prepared = Initialize-Export $emulator $invoiceId 'reconciliation'
        $rows = @(Measure-Alternating $emulator (Get-Scenarios $emulator $invoiceId $prepared 100000 -Bandwidth))
    }
    finally { Stop-PcEmulator $emulator }
    $measured['bandwidth'] = $rows
    $report.Add('## 100000 lines, each blob download paced to 2 MB/s with 50 ms latency')
    $report.Add('')
    Add-Table $report $rows 'cmdlet -ThrottleLimit 1 | Measure-Object'
    Write-Report $report
}

if (-not $SkipTwelve) {
    # Twelve invoices whose exports each take 20 s to prepare, against one.
    Write-Host 'Twelve invoices, 20 s each to prepare'
    $emulator = Start-PcEmulator -Invoices 80 -Seed 5 -ExportLines 2000 -ExportBlobs 2 -ExportReadyAfterSeconds 20 -ExportRetryAfter 2
    try {
        $c = Get-BenchConnectScript $modulePath $emulator
        $twelve = "$c`n`$ids=@(Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 12 -ExpandProperty Id); if (`$ids.Count -lt 12) { throw 'fewer than 12' }`n"
        $scenarios = [ordered]@{
            'one invoice' = "$twelve$time; `$n=(Get-PcReconciliationLineItem -InvoiceId `$ids[0] | Measure-Object).Count; $done; `"count=`$n`"; $peak"
            'twelve invoices through the pipeline' = "$twelve$time; `$n=(`$ids | Get-PcReconciliationLineItem | Measure-Object).Count; $done; `"count=`$n`"; $peak"
        }
        $saved = $Runs; $Runs = 1
        $rows = @(Measure-Alternating $emulator $scenarios)
        $Runs = $saved
    }
    finally { Stop-PcEmulator $emulator }
    $measured['twelve'] = $rows
    $report.Add('## Twelve invoices, each export 20 s to prepare (2,000 lines in 2 blobs each; one run)')
    $report.Add('')
    Add-Table $report $rows 'one invoice'
}

Add-Targets $report $measured

Write-Report $report
Write-Host "Written: $(Join-Path $PSScriptRoot 'RESULTS.md')"
