#requires -Version 7.4
<#
.SYNOPSIS
    The script a competent admin writes today to get a billed reconciliation (or daily usage) into the pipeline: the
    honest baseline of the export benchmark (bench/ExportBench.ps1), not part of the module.
.DESCRIPTION
    POST the export, poll the operation honouring Retry-After, read the manifest, download each blob
    with Invoke-WebRequest to a temporary file, un-gzip it with GZipStream and ConvertFrom-Json each
    line. It streams line by line rather than reading whole files into memory, which is the better of
    the two ways these scripts are usually written. -SkipCertificateCheck only because the emulator's
    certificate is self-signed.
#>
param(
    [Parameter(Mandatory)] [string] $GraphRoot,
    [Parameter(Mandatory)] [string] $Token,
    [Parameter(Mandatory)] [string] $InvoiceId,
    [ValidateSet('reconciliation', 'usage')] [string] $Kind = 'reconciliation'
)

$ErrorActionPreference = 'Stop'
$headers = @{ Authorization = "Bearer $Token" }
$body = @{ invoiceId = $InvoiceId; attributeSet = 'full' } | ConvertTo-Json
$started = Invoke-WebRequest -Method Post -Uri "$GraphRoot/v1.0/reports/partners/billing/$Kind/billed/export" -Headers $headers `
    -Body $body -ContentType 'application/json' -SkipCertificateCheck
$operationUri = @($started.Headers['Location'])[0]

do {
    $response = Invoke-WebRequest -Uri $operationUri -Headers $headers -SkipCertificateCheck
    $operation = $response.Content | ConvertFrom-Json
    if ($operation.status -in 'notStarted', 'running') {
        $retryAfter = @($response.Headers['Retry-After'])[0]
        Start-Sleep -Seconds $(if ($retryAfter) { [int]$retryAfter } else { 5 })
    }
} while ($operation.status -in 'notStarted', 'running')
if ($operation.status -notin 'succeeded', 'completed') { throw "Export failed: $($operation.error.message)" }

$manifest = Invoke-RestMethod -Uri $operation.'resourceLocation@odata.navigationLink' -Headers $headers -SkipCertificateCheck
foreach ($blob in $manifest.blobs) {
    $temp = New-TemporaryFile
    try {
        Invoke-WebRequest -Uri "$($manifest.rootDirectory.TrimEnd('/'))/$($blob.name)?$($manifest.sasToken)" -OutFile $temp -SkipCertificateCheck
        $file = [IO.File]::OpenRead($temp)
        $gzip = [IO.Compression.GZipStream]::new($file, [IO.Compression.CompressionMode]::Decompress)
        $reader = [IO.StreamReader]::new($gzip)
        try {
            while ($null -ne ($line = $reader.ReadLine())) {
                if ($line) { $line | ConvertFrom-Json }
            }
        }
        finally { $reader.Dispose() }
    }
    finally { Remove-Item $temp }
}
