# The export file reader against real Azure Storage behaviour: Azurite (tests/azurite, pinned) serves gzip JSON-lines
# parts uploaded here with Shared Key; the emulator's Graph side serves the export and a manifest that points at them
# with a real service SAS (POST /_emulator/exports/external). Every request the module sends Azurite is in Azurite's
# debug log, so the spec checks from Azurite's side what arrived: Range headers, and never an Authorization header.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    Import-Module (Join-Path $PSScriptRoot 'Azurite.psm1') -Force
    Install-Azurite
    # Node.js takes seconds to load Azurite: the emulator starts and the files are made meanwhile.
    $script:Azurite = Start-Azurite -NoWait
    $script:Emulator = Start-PcEmulator -Invoices 12 -Seed 3 -ExportRunningPolls 0 -ExportRetryAfter 0
    Connect-PcEmulator $Emulator | Out-Null
    $script:InvoiceId = (Get-PcInvoice | Where-Object Id -like 'G*' | Select-Object -First 1).Id

    # Four parts of 2,500 lines each, in the service's shape: gzip, one JSON object per line, '\n' line ends. Random
    # GUIDs and amounts keep the gzip large enough that a cut lands mid-body; the sums are kept as decimals.
    # Measure-Object sums as double; these sums must be exact.
    function Get-DecimalSum($Items, [string] $Property) { $sum = [decimal]0; foreach ($item in $Items) { $sum += [decimal]$item.$Property }; $sum }
    $script:Container = 'exports'
    $script:Directory = "v1/PartnerTenantId=$([guid]::NewGuid())/BillingMonth=202510/InvoiceId=$InvoiceId/Fragment=full"
    $random = [System.Random]::new(14)
    $invariant = [cultureinfo]::InvariantCulture
    $script:Parts = foreach ($part in 0..3) {
        $text = [System.Text.StringBuilder]::new()
        $totals = [decimal]0; $prices = [decimal]0
        foreach ($n in ($part * 2500 + 1)..(($part + 1) * 2500)) {
            $bytes = [byte[]]::new(16); $random.NextBytes($bytes)
            $total = [decimal]$random.Next(1, 100000000) / 100
            $price = [decimal]$random.Next(1, 2000000000) / 1000000
            $totals += $total; $prices += $price
            $null = $text.Append('{"PartnerId":"3c2a1f4e-0000-4000-8000-000000000001","CustomerId":"').Append([guid]::new($bytes)).
                Append('","CustomerName":"Customer ').Append($n % 97).Append('","InvoiceNumber":"').Append($InvoiceId).
                Append('","ChargeType":"new","UnitPrice":').Append($price.ToString($invariant)).Append(',"Quantity":"1","Total":').
                Append($total.ToString($invariant)).Append(',"Currency":"USD","ChargeStartDate":"2025-10-01T00:00:00Z","ReferenceId":"L').
                Append($n.ToString('D6', $invariant)).Append("`"}`n")
        }
        $buffer = [System.IO.MemoryStream]::new()
        $gzip = [System.IO.Compression.GZipStream]::new($buffer, [System.IO.Compression.CompressionLevel]::Optimal)
        $utf8 = [System.Text.Encoding]::UTF8.GetBytes($text.ToString())
        $gzip.Write($utf8, 0, $utf8.Length); $gzip.Dispose()
        [pscustomobject]@{ Name = "part-$($part.ToString('D5'))-$([guid]::NewGuid()).c000.json.gz"; Bytes = $buffer.ToArray(); Lines = 2500; Total = $totals; UnitPrice = $prices }
    }
    $script:Expected = [pscustomobject]@{
        Count     = 10000
        Refs      = (1..10000 | ForEach-Object { 'L' + $_.ToString('D6') }) -join ','
        Total     = Get-DecimalSum $Parts Total
        UnitPrice = Get-DecimalSum $Parts UnitPrice
    }

    Wait-Azurite $Azurite
    Write-Host "Azurite listened after $($Azurite.StartSeconds) s at $($Azurite.BaseUrl)"
    New-AzuriteContainer $Azurite $Container
    foreach ($part in $Parts) { $null = Send-AzuriteBlob -Azurite $Azurite -Container $Container -Name "$Directory/$($part.Name)" -Bytes $part.Bytes }
    # Graph's manifests carry a directory SAS (sr=d), which only Data Lake accounts have and Azurite does not: the
    # service SAS here is the container's (sr=c). To the module either is an opaque query string.
    $script:Sas = New-AzuriteServiceSas $Container -Permissions rl -Expiry ([DateTimeOffset]::UtcNow.AddHours(1))
    $script:ExpiredSas = New-AzuriteServiceSas $Container -Permissions rl -Start ([DateTimeOffset]::UtcNow.AddHours(-2)) -Expiry ([DateTimeOffset]::UtcNow.AddHours(-1))

    # The next exports' manifests list the parts under $AccountUrl (Azurite, or a proxy in front of it) with $SasToken.
    function Set-ExternalExport([string] $AccountUrl, [string] $SasToken) {
        $body = @{ rootDirectory = "$AccountUrl/$Container/$Directory"; sasToken = $SasToken; blobs = @($Parts.Name) } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/exports/external" -SkipCertificateCheck -ContentType 'application/json' -Body $body
    }
    # Azurite's requests since the first $Skip, once it has logged at least $Count more (its log is written asynchronously).
    function Get-NewAzuriteRequest([int] $Skip, [int] $Count) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        do {
            $new = @(Get-AzuriteRequest $Azurite | Select-Object -Skip $Skip)
            if ($new.Count -ge $Count -and -not ($new | Where-Object { $null -eq $_.Status })) { Start-Sleep -Milliseconds 200; return @(Get-AzuriteRequest $Azurite | Select-Object -Skip $Skip) }
            Start-Sleep -Milliseconds 100
        } while ($watch.Elapsed.TotalSeconds -lt 10)
        $new
    }
    function Measure-Lines($Lines) {
        [pscustomobject]@{
            Count     = @($Lines).Count
            Refs      = @($Lines.ReferenceId) -join ','
            Total     = Get-DecimalSum $Lines Total
            UnitPrice = Get-DecimalSum $Lines UnitPrice
        }
    }
    function Get-Text($Records) { ($Records | ForEach-Object { if ($_ -is [System.Management.Automation.InformationalRecord]) { $_.Message } else { "$_" } }) -join "`n" }
}

AfterAll {
    if (Get-Command Disconnect-PcAccount -ErrorAction SilentlyContinue) { Disconnect-PcAccount }
    if ($Emulator) { Stop-PcEmulator $Emulator }
    if ($Azurite) { Stop-Azurite $Azurite }
}

Describe 'Export files read from Azurite (real Azure Storage behaviour)' {
    It 'reads every line of every part exactly once, in order, with the amounts that were uploaded, sending Azurite no Authorization header' {
        Set-ExternalExport $Azurite.AccountUrl $Sas
        Reset-PcEmulatorStats $Emulator
        $before = @(Get-AzuriteRequest $Azurite).Count

        $measured = Measure-Lines (Get-PcReconciliationLineItem -InvoiceId $InvoiceId)

        $measured.Count | Should -Be $Expected.Count
        $measured.Refs | Should -BeExactly $Expected.Refs
        $measured.Total | Should -Be $Expected.Total
        $measured.UnitPrice | Should -Be $Expected.UnitPrice
        $requests = Get-NewAzuriteRequest -Skip $before -Count 4
        $requests.Count | Should -Be 4
        foreach ($request in $requests) {
            $request.Method | Should -Be 'GET'
            $request.Status | Should -Be 200
            $request.Headers.Keys | Should -Not -Contain 'authorization'
            $request.Headers.Keys | Should -Not -Contain 'range'
        }
        # The parts are requested side by side (-ThrottleLimit), so in any order; their lines came out in order (Refs above).
        @($requests | ForEach-Object { ([uri]$_.Url).Segments[-1] } | Sort-Object) | Should -Be @($Parts.Name | Sort-Object)
        # Nothing went to the emulator's own blob host: the manifest pointed at Azurite.
        (Get-PcEmulatorStats $Emulator).blobRequests | Should -Be 0
    }

    It 'ends with a clear error carrying Azure''s message when the SAS has expired, with no SAS signature or token in the error or the -Verbose/-Debug output' {
        Set-ExternalExport $Azurite.AccountUrl $ExpiredSas
        Reset-PcEmulatorStats $Emulator
        $before = @(Get-AzuriteRequest $Azurite).Count
        $signature = [uri]::UnescapeDataString(($ExpiredSas -split '&' | Where-Object { $_ -like 'sig=*' }).Substring(4))
        $DebugPreference = 'Continue'

        # One file at a time, so the requests below are those of one file: its 403, the fresh SAS, its second 403.
        $output = @(Get-PcReconciliationLineItem -InvoiceId $InvoiceId -ThrottleLimit 1 -Verbose -ErrorVariable failures -ErrorAction SilentlyContinue 4>&1 5>&1)

        @($output | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] }).Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failure = $failures[0]
        $failure.FullyQualifiedErrorId | Should -BeLike 'ApiForbidden,*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        # Azurite answers an expired service SAS with 403 AuthorizationFailure; Azure itself says AuthenticationFailed.
        # The message is the same, and the module treats every 403 from storage alike.
        $failure.Exception.ServiceCode | Should -Be 'AuthorizationFailure'
        $failure.Exception.Message | Should -Match 'Server failed to authenticate the request'
        $failure.Exception.CorrelationId | Should -Not -BeNullOrEmpty
        $failure.ErrorDetails.RecommendedAction | Should -Match 'SAS'
        # The module read the manifest again for a fresh SAS once, got the same expired one, and gave up.
        $requests = Get-NewAzuriteRequest -Skip $before -Count 2
        $requests.Count | Should -Be 2
        $requests | ForEach-Object { $_.Status | Should -Be 403; $_.Headers.Keys | Should -Not -Contain 'authorization' }
        (Get-PcEmulatorStats $Emulator).manifestReads | Should -Be 2

        $text = (Get-Text $output) + "`n" + ($failure | Out-String -Width 500) + "`n" + $failure.Exception.ToString() + "`n" +
            $failure.ErrorDetails.Message + "`n" + $failure.ErrorDetails.RecommendedAction + "`n" + $failure.TargetObject
        $text | Should -Match 'GET .*part-00000'
        $text | Should -Match 'sig=\[redacted\]'
        $text | Should -Not -Match 'sig=(?!\[redacted\])'
        $text.Contains($signature) | Should -BeFalse
        $text.Contains([uri]::EscapeDataString($signature)) | Should -BeFalse
        $text | Should -Match 'Authorization: Bearer \[redacted\]'
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{16,}'
    }

    It 'resumes a download cut mid-stream with a Range request from the byte reached, and still yields every line once' {
        $first = $Parts[0].Bytes.Length
        # The connection closes after the headers and about half the first part's body.
        $proxy = Start-CutProxy -Azurite $Azurite -Bytes ([long]($first / 2))
        try {
            Set-ExternalExport $proxy.AccountUrl $Sas
            $before = @(Get-AzuriteRequest $Azurite).Count

            # One file at a time, so the proxy's first connection (the one it cuts) is the first part's.
            $output = @(Get-PcReconciliationLineItem -InvoiceId $InvoiceId -ThrottleLimit 1 -Verbose 4>&1)
        }
        finally { $proxyOutput = Stop-NodeScript $proxy.Started }

        $lines = @($output | Where-Object { $_ -isnot [System.Management.Automation.InformationalRecord] })
        $measured = Measure-Lines $lines
        $measured.Count | Should -Be $Expected.Count
        $measured.Refs | Should -BeExactly $Expected.Refs
        $measured.Total | Should -Be $Expected.Total
        $measured.UnitPrice | Should -Be $Expected.UnitPrice
        $proxyOutput | Should -Contain "cut connection 1 after $([long]($first / 2)) bytes"

        $verbose = Get-Text $output
        $verbose -match "Export file $([regex]::Escape($Parts[0].Name)): .*; resuming from byte (\d+)" | Should -BeTrue -Because $verbose
        $resumedAt = [long]$Matches[1]
        $resumedAt | Should -BeGreaterThan 0
        $resumedAt | Should -BeLessThan $first

        $requests = Get-NewAzuriteRequest -Skip $before -Count 5
        $requests.Count | Should -Be 5
        $requests | ForEach-Object { $_.Headers.Keys | Should -Not -Contain 'authorization' }
        $firstPart = @($requests | Where-Object { $_.Url -like "*/$($Parts[0].Name)?*" })
        $firstPart.Count | Should -Be 2
        $firstPart[0].Headers.Keys | Should -Not -Contain 'range'
        $firstPart[1].Headers['range'] | Should -Be "bytes=$resumedAt-"
        $firstPart[1].Status | Should -Be 206
        @($requests | Where-Object { $_.Url -notlike "*/$($Parts[0].Name)?*" } | ForEach-Object Status) | Should -Be @(200, 200, 200)
    }
}
