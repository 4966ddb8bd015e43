using System.Diagnostics;
using System.Globalization;

namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>
/// The middleware every request passes: correlation headers, counters, injected faults, the recent list,
/// the --verbose line, and a service-shaped 500 for anything that throws.
/// </summary>
/// <remarks>
/// Nothing here records a header value, a form body or a token: the verbose line and the recent list
/// show method, path, the query string of the Partner Center and Graph APIs (which carry no secrets; a blob
/// request's query is its SAS, so it is never kept), status, the host and the audience of a bearer token.
/// Requests to the blob host's port are the blob service's, whatever their path; an injected fault answers
/// each service in its own error shape.
/// </remarks>
internal sealed class RequestRecorder(EmulatorStats stats, FaultInjector faults, AccessTokenIssuer tokens, TimeProvider time, bool verbose,
    EmulatorAddress address)
{
    /// <summary>The <c>HttpContext.Items</c> key under which a fault that cut a response short names itself for the verbose line.</summary>
    public const string FaultItem = "emulator.fault";

    private const string Reset = "reset";
    private const string ClientGone = "client gone";

    private const string ControlPrefix = "/_emulator";
    private const string ApiPrefix = "/v1";
    private const string GraphPrefix = "/v1.0";
    private const string GraphBetaPrefix = "/beta";

    private enum Service { Other, PartnerCenter, Graph, Blob }
    private const string TokenPathSuffix = "/oauth2/v2.0/token";
    private const string DeviceCodePathSuffix = "/oauth2/v2.0/devicecode";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var started = Stopwatch.GetTimestamp();

        var isBlob = address.IsBlobHost(context);
        if (!isBlob && request.Path.StartsWithSegments(ControlPrefix))
        {
            await RunAsync(context, next, Service.Other).ConfigureAwait(false);
            WriteVerboseLine(context, path, "", started);
            return;
        }

        var service = isBlob ? Service.Blob
            : request.Path.StartsWithSegments(ApiPrefix) ? Service.PartnerCenter
            : request.Path.StartsWithSegments(GraphPrefix) || request.Path.StartsWithSegments(GraphBetaPrefix) ? Service.Graph
            : Service.Other;
        var isApi = service == Service.PartnerCenter;
        var isToken = service == Service.Other && HttpMethods.IsPost(request.Method) &&
            (path.EndsWith(TokenPathSuffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(DeviceCodePathSuffix, StringComparison.OrdinalIgnoreCase));
        var query = service is Service.PartnerCenter or Service.Graph ? request.QueryString.Value ?? "" : "";
        switch (service)
        {
            case Service.PartnerCenter:
                // The service echoes the caller's ids, or makes up its own, on every response, errors included.
                context.Response.Headers["MS-CorrelationId"] = EchoOrNew(request.Headers["MS-CorrelationId"].ToString());
                context.Response.Headers["MS-RequestId"] = EchoOrNew(request.Headers["MS-RequestId"].ToString());
                stats.CountApiRequest(path);
                break;
            case Service.Graph:
                // Graph names every response with its own request-id and echoes the caller's client-request-id.
                context.Response.Headers[GraphError.RequestIdHeader] = Guid.NewGuid().ToString();
                context.Response.Headers[GraphError.ClientRequestIdHeader] = EchoOrNew(request.Headers[GraphError.ClientRequestIdHeader].ToString());
                stats.CountGraphRequest();
                break;
            case Service.Blob:
                context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
                stats.CountBlobRequest();
                break;
            default:
                if (isToken) stats.CountTokenRequest();
                break;
        }

        var authorization = request.Headers.Authorization;
        var entry = new RecentRequest(request.Method, path, query, 0, authorization.Count > 0,
            TokenAudience.Classify(authorization.Count > 0 ? authorization[0] : null), isBlob ? "blob" : "main");
        context.Response.OnStarting(static state =>
        {
            var (stats, entry, response, service) = ((EmulatorStats, RecentRequest, HttpResponse, Service))state;
            // Kestrel still "starts" the response of a request aborted before it had one (a reset fault, a client
            // that gave up); nothing reaches the client then, so there is no status to record.
            if (response.HttpContext.Items.TryGetValue(FaultItem, out var fault) && fault is Reset or ClientGone) return Task.CompletedTask;
            stats.Remember(entry with { Status = response.StatusCode });
            switch (service)
            {
                case Service.PartnerCenter: stats.CountApiStatus(response.StatusCode); break;
                case Service.Graph: stats.CountGraphStatus(response.StatusCode); break;
                case Service.Blob: stats.CountBlobStatus(response.StatusCode); break;
            }
            return Task.CompletedTask;
        }, (stats, entry, context.Response, service));

        var plan = faults.Decide(path);
        if (plan.RevokeTokens) tokens.RevokeAll();
        if (plan.DelayMilliseconds > 0)
        {
            try
            {
                await Task.Delay(plan.DelayMilliseconds, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting (an attempt timeout, as a slow fault intends): nobody to answer.
                context.Items[FaultItem] = ClientGone;
                WriteVerboseLine(context, path, query, started);
                return;
            }
        }

        switch (plan.Action)
        {
            case FaultAction.Reset:
                // No status line, no headers: the client sees the connection drop.
                context.Items[FaultItem] = Reset;
                context.Abort();
                break;
            case FaultAction.Throttle when isApi:
                await ServiceError.WriteThrottledAsync(context, plan.RetryAfterSeconds).ConfigureAwait(false);
                break;
            case FaultAction.Throttle when service == Service.Graph:
                await GraphError.Injected(StatusCodes.Status429TooManyRequests, plan.RetryAfterSeconds).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
                break;
            case FaultAction.Throttle when service == Service.Blob:
                // Azure Storage throttles with 503 ServerBusy rather than 429.
                await StorageError.ServerBusy(plan.RetryAfterSeconds).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
                break;
            case FaultAction.Throttle:
                await EntraError.Throttled(plan.RetryAfterSeconds).WriteAsync(context, Guid.NewGuid(), time.GetUtcNow()).ConfigureAwait(false);
                break;
            case FaultAction.Fail when isApi:
                await ServiceError.Injected(plan.Status).WriteAsync(context).ConfigureAwait(false);
                break;
            case FaultAction.Fail when service == Service.Graph:
                await GraphError.Injected(plan.Status).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
                break;
            case FaultAction.Fail when service == Service.Blob:
                await StorageError.Injected(plan.Status).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
                break;
            case FaultAction.Fail:
                await EntraError.TransientFailure(plan.Status).WriteAsync(context, Guid.NewGuid(), time.GetUtcNow()).ConfigureAwait(false);
                break;
            default:
                await RunAsync(context, next, service).ConfigureAwait(false);
                break;
        }
        WriteVerboseLine(context, path, query, started);
    }

    private async Task RunAsync(HttpContext context, RequestDelegate next, Service service)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Items.ContainsKey(FaultItem))
        {
            Console.Error.WriteLine($"emulator: {context.Request.Method} {context.Request.Path} failed: {ex}");
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            switch (service)
            {
                case Service.PartnerCenter: await ServiceError.Internal().WriteAsync(context).ConfigureAwait(false); break;
                case Service.Graph: await GraphError.Internal().WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false); break;
                case Service.Blob: await StorageError.Injected(500).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false); break;
                default: context.Response.StatusCode = StatusCodes.Status500InternalServerError; break;
            }
        }
    }

    private void WriteVerboseLine(HttpContext context, string path, string query, long started)
    {
        if (!verbose) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var outcome = context.Items.TryGetValue(FaultItem, out var fault) ? $"{context.Response.StatusCode} {fault}" : $"{context.Response.StatusCode}";
        if (fault is Reset or ClientGone) outcome = (string)fault;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():HH:mm:ss.fff} {context.Request.Method} {path}{query} -> {outcome} ({elapsed:F1} ms)"));
    }

    private static string EchoOrNew(string sent) =>
        sent.Length is > 0 and <= 128 ? sent : Guid.NewGuid().ToString();
}
