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
    # The admin's script at 1M lines takes many minutes: measured only up to this size.
    [int] $AdminScriptUpTo = 100000,
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
$time = '$w=[Diagnostics.Stopwatch]::StartNew()'
$done = '"work=$($w.Elapsed.TotalSeconds)"'


# Prepares the export once (the emulator keeps its blobs) and returns the blob URLs for the floor.
function Initialize-Export($emulator, [string] $invoiceId) {
    $token = New-PcEmulatorToken $emulator -Audience 'https://graph.microsoft.com'
    $headers = @{ Authorization = "Bearer $token" }
    $started = Invoke-WebRequest -Method Post -Uri "$($emulator.BaseUrl)/v1.0/reports/partners/billing/reconciliation/billed/export" -Headers $headers `
        -Body (@{ invoiceId = $invoiceId; attributeSet = 'full' } | ConvertTo-Json) -ContentType 'application/json' -SkipCertificateCheck
    do {
        Start-Sleep -Milliseconds 500
        $operation = Invoke-RestMethod -Uri @($started.Headers['Location'])[0] -Headers $headers -SkipCertificateCheck
    } while ($operation.status -in 'notStarted', 'running')
    $manifest = Invoke-RestMethod -Uri $operation.'resourceLocation@odata.navigationLink' -Headers $headers -SkipCertificateCheck
    [pscustomobject]@{ Token = $token; Blobs = @($manifest.blobs | ForEach-Object { "$($manifest.rootDirectory.TrimEnd('/'))/$($_.name)?$($manifest.sasToken)" }) }
}

function Get-Scenarios($emulator, [string] $invoiceId, $prepared, [int] $size, [switch] $Bandwidth) {
    $c = Get-BenchConnectScript $modulePath $emulator
    $blobs = "@('" + ($prepared.Blobs -join "','") + "')"
    $read = "Get-PcReconciliationLineItem -InvoiceId $invoiceId"
    $s = [ordered]@{}
    if ($Bandwidth) {
        foreach ($limit in 1, 2, 4, 8) { $s["cmdlet -ThrottleLimit $limit | Measure-Object"] = "$c`n$time; `$n=($read -ThrottleLimit $limit | Measure-Object).Count; $done; `"count=`$n`"; $peak" }
        $s['HttpClient floor, one blob at a time'] = "Add-Type -Path '$floorSource' 2>`$null`n$time; `$r=[BenchExportFloor]::Run($blobs, `$false); $done; `"count=`$(`$r[0])`"; $peak"
        $s['HttpClient floor, all blobs at once'] = "Add-Type -Path '$floorSource' 2>`$null`n$time; `$r=[BenchExportFloor]::Run($blobs, `$true); $done; `"count=`$(`$r[0])`"; $peak"
        return $s
    }
    $s['cmdlet | Measure-Object'] = "$c`n$time; `$n=($read | Measure-Object).Count; $done; `"count=`$n`"; $peak"
    $s['cmdlet -ThrottleLimit 1 | Measure-Object'] = "$c`n$time; `$n=($read -ThrottleLimit 1 | Measure-Object).Count; $done; `"count=`$n`"; $peak"
    $s['cmdlet into Export-PcCsv'] = "$c`n`$f=[IO.Path]::GetTempFileName(); $time; $read | Export-PcCsv `$f; $done; $peak; `"count=`$([Linq.Enumerable]::Count([IO.File]::ReadLines(`$f)) - 1)`"; Remove-Item `$f"
    $s['cmdlet into Export-Csv'] = "$c`n`$f=[IO.Path]::GetTempFileName(); $time; $read | Export-Csv `$f; $done; $peak; `"count=`$([Linq.Enumerable]::Count([IO.File]::ReadLines(`$f)) - 1)`"; Remove-Item `$f"
    if ($size -le $AdminScriptUpTo) {
        $s['admin script | Measure-Object'] = "$time; `$n=(& '$adminScript' -GraphRoot '$($emulator.BaseUrl)' -Token '$($prepared.Token)' -InvoiceId $invoiceId | Measure-Object).Count; $done; `"count=`$n`"; $peak"
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
            Write-Host ("  run {0} {1,-52} work {2:0.000} s  wall {3:0.00} s  peak {4} MB  lines {5}  {6}" -f $run, $name, [double]$result['work'], $result.WallSeconds, $result['peakMB'], $result['count'], $result.requests)
        }
    }
    foreach ($name in $scenarios.Keys) {
        $sorted = @($samples[$name] | Sort-Object { [double]$_.work })
        $median = $sorted[[int][math]::Floor($sorted.Count / 2)]
        [pscustomobject]@{ Scenario = $name; Work = [double]$median['work']; Wall = $median.WallSeconds; PeakMB = $median['peakMB']; Requests = $median.requests; Count = [long]$median['count'] }
    }
}

function Add-Table($report, $rows, [string] $baseline) {
    $base = ($rows | Where-Object Scenario -eq $baseline).Work
    $report.Add('| scenario | work (s) | wall (s) | peak RSS (MB) | requests | lines | lines/s (work) | ratio to ' + $baseline.Replace('|', '\|') + ' |')
    $report.Add('|---|---|---|---|---|---|---|---|')
    foreach ($row in $rows) {
        $report.Add(('| {0} | {1:0.000} | {2:0.00} | {3} | {4} | {5} | {6:N0} | {7:0.00}x |' -f $row.Scenario.Replace('|', '\|'), $row.Work, $row.Wall, $row.PeakMB, $row.Requests, $row.Count,
                ($row.Count / [math]::Max($row.Work, 0.001)), ($row.Work / $base)))
    }
    $report.Add('')
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

foreach ($size in $Sizes) {
    Write-Host "Reconciliation lines: $size"
    $emulator = Start-PcEmulator -Invoices 6 -Seed 5 -ExportLines $size -ExportBlobs 8 -ExportRunningPolls 0 -ExportRetryAfter 0
    try {
        $invoiceId = (Invoke-BenchChild ((Get-BenchConnectScript $modulePath $emulator) + "`n`"id=`$((Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id)`"")).id
        $prepared = Initialize-Export $emulator $invoiceId
        $rows = @(Measure-Alternating $emulator (Get-Scenarios $emulator $invoiceId $prepared $size))
    }
    finally { Stop-PcEmulator $emulator }
    $report.Add("## $size reconciliation lines, 8 blobs")
    $report.Add('')
    Add-Table $report $rows 'cmdlet | Measure-Object'
}

if (-not $SkipBandwidth) {
    # 100,000 lines are about 28 MB gzipped, 3.5 MB a blob; paced to 2 MB/s per download.
    Write-Host 'Bandwidth-limited blob host'
    $emulator = Start-PcEmulator -Invoices 6 -Seed 5 -ExportLines 100000 -ExportBlobs 8 -ExportRunningPolls 0 -ExportRetryAfter 0 -BlobBytesPerSecond 2000000 -BlobLatencyMs 50
    try {
        $invoiceId = (Invoke-BenchChild ((Get-BenchConnectScript $modulePath $emulator) + "`n`"id=`$((Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id)`"")).id
        $prepared = Initialize-Export $emulator $invoiceId
        $rows = @(Measure-Alternating $emulator (Get-Scenarios $emulator $invoiceId $prepared 100000 -Bandwidth))
    }
    finally { Stop-PcEmulator $emulator }
    $report.Add('## 100000 lines, each blob download paced to 2 MB/s with 50 ms latency')
    $report.Add('')
    Add-Table $report $rows 'cmdlet -ThrottleLimit 1 | Measure-Object'
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
    $report.Add('## Twelve invoices, each export 20 s to prepare (2,000 lines in 2 blobs each; one run)')
    $report.Add('')
    Add-Table $report $rows 'one invoice'
}

$results = Join-Path $PSScriptRoot 'RESULTS.md'
$existing = if (Test-Path $results) { @(Get-Content $results) } else { @() }
$at = [array]::IndexOf($existing, $marker)
$keep = if ($at -ge 0) { $existing[0..([math]::Max($at - 1, 0))] } else { $existing + '' }
($keep + $report) | Set-Content $results -Encoding utf8
Write-Host "Written: $results"
