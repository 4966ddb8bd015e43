# Installs, starts and drives Azurite (the Azure Storage emulator, npm package azurite, pinned in tests/azurite)
# for the spec that reads export files from real Azure Storage behaviour. Test code only.
# Requests are signed here with the well-known development account key (Shared Key and service SAS, HMAC-SHA256):
# no Azure module is needed.

$script:Folder = Join-Path $PSScriptRoot 'azurite'
$script:Account = 'devstoreaccount1'
# Azurite's documented development key: public, the same on every machine, good for nothing but Azurite.
$script:AccountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
$script:StorageVersion = '2023-11-03'

function Get-NodeCommand {
    param([Parameter(Mandatory)] [string] $Name)
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $command) {
        throw "'$Name' was not found on PATH. The tests need Node.js 20 or later with npm (https://nodejs.org): " +
            "the Azurite spec runs the Azure Storage emulator Azurite, an npm package. The module and the demo do not need Node.js."
    }
    $command.Source
}

# npm ci into tests/azurite/node_modules, only when it is missing or the lock changed since the last install.
function Install-Azurite {
    [CmdletBinding()]
    param()
    $node = Get-NodeCommand node
    $npm = Get-NodeCommand npm
    $lock = Join-Path $script:Folder 'package-lock.json'
    $stamp = Join-Path $script:Folder 'node_modules/.installed-lock-sha256'
    $hash = (Get-FileHash $lock -Algorithm SHA256).Hash
    if ((Test-Path $stamp) -and (Get-Content $stamp -Raw).Trim() -eq $hash -and (Test-Path (Join-Path $script:Folder 'node_modules/azurite/package.json'))) { return }
    Write-Host "Installing Azurite from $lock (npm ci, with $(& $node --version))"
    & $npm ci --prefix $script:Folder --no-audit --no-fund --loglevel=error
    if ($LASTEXITCODE -ne 0) { throw "npm ci --prefix $script:Folder failed with exit code $LASTEXITCODE." }
    Set-Content -Path $stamp -Value $hash
}

# Starts a Node.js script of tests/azurite with this process's id as its first argument (it ends when this process does).
function Start-NodeScript {
    param([Parameter(Mandatory)] [string] $Script, [string[]] $Arguments = @())
    $node = Get-NodeCommand node
    $info = [System.Diagnostics.ProcessStartInfo]::new($node)
    foreach ($argument in @((Join-Path $script:Folder $Script), $PID) + $Arguments) { $info.ArgumentList.Add([string]$argument) }
    $info.WorkingDirectory = [System.IO.Path]::GetTempPath()
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Stderr = $process.StandardError.ReadToEndAsync(); Stdout = $null; Watch = [System.Diagnostics.Stopwatch]::StartNew() }
}

# Reads stdout lines until one matches; then drains the rest in the background (so the child never blocks on a full pipe).
function Wait-NodeLine {
    param([Parameter(Mandatory)] $Started, [Parameter(Mandatory)] [string] $Pattern, [Parameter(Mandatory)] [string] $What, [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(90))
    $seen = [System.Collections.Generic.List[string]]::new()
    while ($true) {
        $line = $Started.Process.StandardOutput.ReadLineAsync()
        $left = $Timeout - $Started.Watch.Elapsed
        if ($left -le [TimeSpan]::Zero -or -not $line.Wait($left) -or $null -eq $line.Result) {
            if (-not $Started.Process.HasExited) { $Started.Process.Kill($true) }
            throw "$What did not start within $($Timeout.TotalSeconds) s. stdout: $($seen -join ' | ') stderr: $($Started.Stderr.Result)"
        }
        $seen.Add($line.Result)
        if ($line.Result -match $Pattern) { break }
    }
    $Started.Stdout = $Started.Process.StandardOutput.ReadToEndAsync()
    $Matches[1]
}

# Starts azurite-blob on 127.0.0.1 at a free port, in memory, with its debug log (every request's headers) in a temp
# file; it ends when this process does. With -NoWait it returns at once: Wait-Azurite then waits for it to listen,
# so a spec can do other work while Node.js loads Azurite (seconds on a busy machine).
function Start-Azurite {
    [CmdletBinding()]
    param([switch] $NoWait)
    if (-not (Test-Path (Join-Path $script:Folder 'node_modules/azurite/package.json'))) {
        throw "Azurite is not installed in $script:Folder. Run ./build.ps1 Test, or Install-Azurite from tests/Azurite.psm1."
    }
    $log = Join-Path ([System.IO.Path]::GetTempPath()) ("azurite-{0}.log" -f [guid]::NewGuid())
    $started = Start-NodeScript -Script 'start-blob.js' -Arguments @('--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence',
        '--skipApiVersionCheck', '--disableTelemetry', '--debug', $log)
    $azurite = [pscustomobject]@{
        PSTypeName   = 'Azurite'
        BaseUrl      = $null
        AccountUrl   = $null
        Port         = 0
        Started      = $started
        DebugLogPath = $log
        StartSeconds = $null
    }
    if (-not $NoWait) { Wait-Azurite $azurite }
    $azurite
}

function Wait-Azurite {
    param([Parameter(Mandatory, Position = 0)] $Azurite)
    if ($Azurite.BaseUrl) { return }
    $Azurite.BaseUrl = Wait-NodeLine $Azurite.Started -Pattern 'successfully listens on (http://127\.0\.0\.1:\d+)' -What 'Azurite'
    $Azurite.AccountUrl = "$($Azurite.BaseUrl)/$script:Account"
    $Azurite.Port = ([uri]$Azurite.BaseUrl).Port
    $Azurite.StartSeconds = [math]::Round($Azurite.Started.Watch.Elapsed.TotalSeconds, 1)
}

function Stop-Azurite {
    param([Parameter(Mandatory, Position = 0)] $Azurite)
    Stop-NodeScript $Azurite.Started | Out-Null
    Remove-Item $Azurite.DebugLogPath -ErrorAction SilentlyContinue
}

# Every request Azurite received, from its debug log: method, URL (with the SAS as sent), headers (lower-case names) and status.
function Get-AzuriteRequest {
    param([Parameter(Mandatory, Position = 0)] $Azurite)
    $requests = [ordered]@{}
    foreach ($line in [System.IO.File]::ReadLines($Azurite.DebugLogPath)) {
        if ($line -match '^\S+ (\S+) info: BlobStorageContextMiddleware: RequestMethod=(\S+) RequestURL=(\S+) RequestHeaders:(\{.*\}) ') {
            $requests[$Matches[1]] = [pscustomobject]@{ Method = $Matches[2]; Url = $Matches[3]; Headers = ($Matches[4] | ConvertFrom-Json -AsHashtable); Status = $null }
        }
        elseif ($line -match '^\S+ (\S+) info: EndMiddleware: End response\. TotalTimeInMS=\d+ StatusCode=(\d+)' -and $requests.Contains($Matches[1])) {
            $requests[$Matches[1]].Status = [int]$Matches[2]
        }
    }
    @($requests.Values)
}

# A proxy in front of Azurite that closes its first connection(s) after -Bytes bytes of answer (tests/azurite/cut-proxy.js).
function Start-CutProxy {
    param([Parameter(Mandatory)] $Azurite, [Parameter(Mandatory)] [long] $Bytes, [int] $Cuts = 1)
    $started = Start-NodeScript -Script 'cut-proxy.js' -Arguments @($Azurite.Port, $Bytes, $Cuts)
    $address = Wait-NodeLine $started -Pattern '^listening on (127\.0\.0\.1:\d+)$' -What 'The cutting proxy' -Timeout ([TimeSpan]::FromSeconds(30))
    [pscustomobject]@{ PSTypeName = 'CutProxy'; AccountUrl = "http://$address/$script:Account"; Started = $started }
}

# Stops a Node.js script and returns what it wrote to stdout since it started listening.
function Stop-NodeScript {
    param([Parameter(Mandatory, Position = 0)] $Started)
    if (-not $Started.Process.HasExited) {
        $Started.Process.Kill($true)
        $null = $Started.Process.WaitForExit(10000)
    }
    if ($Started.Stdout) { @($Started.Stdout.Result -split "`r?`n" | Where-Object { $_ }) }
}

function Get-Hmac([string] $Text) {
    $hmac = [System.Security.Cryptography.HMACSHA256]::new([Convert]::FromBase64String($script:AccountKey))
    try { [Convert]::ToBase64String($hmac.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Text))) } finally { $hmac.Dispose() }
}

# One request signed with Shared Key (the account key), as the storage REST API documents it. Returns the response; throws on a non-2xx.
function Invoke-AzuriteSharedKeyRequest {
    param(
        [Parameter(Mandatory)] $Azurite,
        [Parameter(Mandatory)] [string] $Method,
        # Below the account, e.g. 'exports' or 'exports/dir/part.json.gz'.
        [Parameter(Mandatory)] [string] $Path,
        [System.Collections.IDictionary] $Query = @{},
        [byte[]] $Body,
        [System.Collections.IDictionary] $Headers = @{}
    )
    $msHeaders = @{ 'x-ms-date' = [DateTime]::UtcNow.ToString('R'); 'x-ms-version' = $script:StorageVersion }
    foreach ($key in $Headers.Keys) { $msHeaders[$key.ToLowerInvariant()] = $Headers[$key] }
    [string[]] $headerNames = @($msHeaders.Keys)
    [Array]::Sort($headerNames, [StringComparer]::Ordinal)
    [string[]] $queryNames = @($Query.Keys | ForEach-Object ToLowerInvariant)
    [Array]::Sort($queryNames, [StringComparer]::Ordinal)
    $resource = "/$script:Account/$script:Account/$Path" + (($queryNames | ForEach-Object { "`n$($_):$($Query[$_])" }) -join '')
    $contentType = if ($Body) { 'application/octet-stream' } else { '' }
    $length = if ($Body) { $Body.Length } else { '' }
    $stringToSign = "$Method`n`n`n$length`n`n$contentType`n`n`n`n`n`n`n" + (($headerNames | ForEach-Object { "$($_):$($msHeaders[$_])`n" }) -join '') + $resource

    $uri = "$($Azurite.AccountUrl)/$Path" + $(if ($queryNames) { '?' + (($queryNames | ForEach-Object { "$_=$([uri]::EscapeDataString($Query[$_]))" }) -join '&') })
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $uri)
    foreach ($name in $headerNames) { $null = $request.Headers.TryAddWithoutValidation($name, $msHeaders[$name]) }
    $null = $request.Headers.TryAddWithoutValidation('Authorization', "SharedKey $($script:Account):$(Get-Hmac $stringToSign)")
    if ($Body) {
        $request.Content = [System.Net.Http.ByteArrayContent]::new($Body)
        $request.Content.Headers.ContentType = 'application/octet-stream'
    }
    $client = [System.Net.Http.HttpClient]::new()
    try {
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) { throw "$Method $uri -> $([int]$response.StatusCode): $text" }
        $response
    }
    finally { $request.Dispose(); $client.Dispose() }
}

function New-AzuriteContainer {
    param([Parameter(Mandatory, Position = 0)] $Azurite, [Parameter(Mandatory, Position = 1)] [string] $Name)
    $null = Invoke-AzuriteSharedKeyRequest -Azurite $Azurite -Method PUT -Path $Name -Query @{ restype = 'container' }
}

# Put Blob (a block blob in one request); returns its ETag.
function Send-AzuriteBlob {
    param([Parameter(Mandatory)] $Azurite, [Parameter(Mandatory)] [string] $Container, [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [byte[]] $Bytes)
    $response = Invoke-AzuriteSharedKeyRequest -Azurite $Azurite -Method PUT -Path "$Container/$Name" -Body $Bytes -Headers @{ 'x-ms-blob-type' = 'BlockBlob' }
    $response.Headers.ETag.Tag
}

# A service SAS for a container (sr=c), signed with the account key as the storage service documents it for
# versions from 2020-12-06 on; returns the query string without '?'.
function New-AzuriteServiceSas {
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Container,
        [string] $Permissions = 'rl',
        [Parameter(Mandatory)] [DateTimeOffset] $Expiry,
        [DateTimeOffset] $Start = [DateTimeOffset]::UtcNow.AddMinutes(-5)
    )
    $st = $Start.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ')
    $se = $Expiry.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ')
    # permissions, start, expiry, resource, identifier, IP, protocol, version, resource type, snapshot time, encryption scope, rscc..rsct
    $stringToSign = @($Permissions, $st, $se, "/blob/$script:Account/$Container", '', '', '', $script:StorageVersion, 'c', '', '', '', '', '', '', '') -join "`n"
    $sig = Get-Hmac $stringToSign
    "sv=$script:StorageVersion&st=$([uri]::EscapeDataString($st))&se=$([uri]::EscapeDataString($se))&sr=c&sp=$Permissions&sig=$([uri]::EscapeDataString($sig))"
}

Export-ModuleMember -Function Install-Azurite, Start-Azurite, Wait-Azurite, Stop-Azurite, Get-AzuriteRequest, Start-CutProxy, Stop-NodeScript,
    New-AzuriteContainer, Send-AzuriteBlob, New-AzuriteServiceSas
