using System.Collections.Concurrent;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Control;

/// <summary>
/// Counters the tests read through <c>/_emulator/stats</c>: how many token, API, Graph and blob requests arrived,
/// how each service answered them, the exports' progress, which faults were injected, and the last 200 requests.
/// </summary>
/// <remarks>
/// Counters go up when a request arrives, not when it ends, so a client that has read its response
/// always finds its request counted. Requests are recorded with their query string only for the API,
/// whose queries carry no secrets.
/// </remarks>
internal sealed class EmulatorStats
{
    public const int RecentCapacity = 200;

    // Indexed by FaultKind.
    private static readonly string[] FaultNames = ["throttle", "burst", "reset", "truncate", "slow", "revoked401"];

    private readonly ConcurrentDictionary<string, long> _tokenRequestsByGrant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _apiRequestsByPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _apiRequestsByStatus = new();
    private readonly ConcurrentDictionary<int, long> _graphRequestsByStatus = new();
    private readonly ConcurrentDictionary<int, long> _blobRequestsByStatus = new();
    private long _graphRequests;
    private long _blobRequests;
    private long _exportsStarted;
    private long _operationPolls;
    private long _manifestReads;
    private long _blobBytesSent;
    private readonly long[] _faultsInjected = new long[FaultNames.Length];
    private readonly RecentRequest[] _recent = new RecentRequest[RecentCapacity];
    private readonly Lock _recentLock = new();
    private long _tokenRequests;
    private long _apiRequests;
    private int _recentNext;
    private int _recentCount;

    public void CountTokenRequest() => Interlocked.Increment(ref _tokenRequests);

    public void CountTokenGrant(string grantType) => _tokenRequestsByGrant.AddOrUpdate(grantType, 1, static (_, n) => n + 1);

    public void CountApiRequest(string path)
    {
        Interlocked.Increment(ref _apiRequests);
        _apiRequestsByPath.AddOrUpdate(path, 1, static (_, n) => n + 1);
    }

    /// <summary>Counts the status of an API response as it starts (a connection reset by a fault has none and is not counted).</summary>
    public void CountApiStatus(int status) => _apiRequestsByStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);

    public void CountGraphRequest() => Interlocked.Increment(ref _graphRequests);

    public void CountGraphStatus(int status) => _graphRequestsByStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);

    public void CountBlobRequest() => Interlocked.Increment(ref _blobRequests);

    public void CountBlobStatus(int status) => _blobRequestsByStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);

    public void CountExportStarted() => Interlocked.Increment(ref _exportsStarted);

    public void CountOperationPoll() => Interlocked.Increment(ref _operationPolls);

    public void CountManifestRead() => Interlocked.Increment(ref _manifestReads);

    public void CountBlobBytes(long bytes) => Interlocked.Add(ref _blobBytesSent, bytes);

    public void CountFault(FaultKind kind) => Interlocked.Increment(ref _faultsInjected[(int)kind]);

    public long FaultCount(FaultKind kind) => Interlocked.Read(ref _faultsInjected[(int)kind]);

    public void Remember(RecentRequest request)
    {
        lock (_recentLock)
        {
            _recent[_recentNext] = request;
            _recentNext = (_recentNext + 1) % RecentCapacity;
            if (_recentCount < RecentCapacity) _recentCount++;
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _tokenRequests, 0);
        Interlocked.Exchange(ref _apiRequests, 0);
        _tokenRequestsByGrant.Clear();
        _apiRequestsByPath.Clear();
        _apiRequestsByStatus.Clear();
        _graphRequestsByStatus.Clear();
        _blobRequestsByStatus.Clear();
        Interlocked.Exchange(ref _graphRequests, 0);
        Interlocked.Exchange(ref _blobRequests, 0);
        Interlocked.Exchange(ref _exportsStarted, 0);
        Interlocked.Exchange(ref _operationPolls, 0);
        Interlocked.Exchange(ref _manifestReads, 0);
        Interlocked.Exchange(ref _blobBytesSent, 0);
        for (var i = 0; i < _faultsInjected.Length; i++) Interlocked.Exchange(ref _faultsInjected[i], 0);
        lock (_recentLock)
        {
            Array.Clear(_recent);
            _recentNext = 0;
            _recentCount = 0;
        }
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("tokenRequests", Interlocked.Read(ref _tokenRequests));
        WriteCounts(writer, "tokenRequestsByGrant", _tokenRequestsByGrant);
        writer.WriteNumber("apiRequests", Interlocked.Read(ref _apiRequests));
        WriteCounts(writer, "apiRequestsByPath", _apiRequestsByPath);
        writer.WriteStartObject("apiRequestsByStatus");
        foreach (var (status, count) in _apiRequestsByStatus.OrderBy(p => p.Key))
            writer.WriteNumber(status.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        writer.WriteEndObject();
        writer.WriteNumber("graphRequests", Interlocked.Read(ref _graphRequests));
        WriteStatusCounts(writer, "graphRequestsByStatus", _graphRequestsByStatus);
        writer.WriteNumber("blobRequests", Interlocked.Read(ref _blobRequests));
        WriteStatusCounts(writer, "blobRequestsByStatus", _blobRequestsByStatus);
        writer.WriteNumber("exportsStarted", Interlocked.Read(ref _exportsStarted));
        writer.WriteNumber("operationPolls", Interlocked.Read(ref _operationPolls));
        writer.WriteNumber("manifestReads", Interlocked.Read(ref _manifestReads));
        writer.WriteNumber("blobBytesSent", Interlocked.Read(ref _blobBytesSent));
        // Every kind is always there, zero or not, so a soak test can read it without checking.
        writer.WriteStartObject("faultsInjected");
        for (var i = 0; i < FaultNames.Length; i++) writer.WriteNumber(FaultNames[i], Interlocked.Read(ref _faultsInjected[i]));
        writer.WriteEndObject();

        RecentRequest[] recent;
        lock (_recentLock)
        {
            recent = new RecentRequest[_recentCount];
            var oldest = (_recentNext - _recentCount + RecentCapacity) % RecentCapacity;
            for (var i = 0; i < _recentCount; i++) recent[i] = _recent[(oldest + i) % RecentCapacity];
        }
        writer.WriteStartArray("recent");
        foreach (var request in recent)
        {
            writer.WriteStartObject();
            writer.WriteString("method", request.Method);
            writer.WriteString("path", request.Path);
            writer.WriteString("query", request.Query);
            writer.WriteNumber("status", request.Status);
            writer.WriteBoolean("hasAuthorization", request.HasAuthorization);
            if (request.Audience is null) writer.WriteNull("audience");
            else writer.WriteString("audience", request.Audience);
            writer.WriteString("host", request.Host);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStatusCounts(Utf8JsonWriter writer, string name, ConcurrentDictionary<int, long> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (status, count) in counts.OrderBy(p => p.Key))
            writer.WriteNumber(status.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, string name, ConcurrentDictionary<string, long> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal)) writer.WriteNumber(key, count);
        writer.WriteEndObject();
    }
}
