using System.Diagnostics;
using System.Globalization;

namespace PartnerCenterInvoices.Emulator;

/// <summary>
/// The middleware every request passes: correlation headers, counters, injected faults, the recent list,
/// the --verbose line, and a service-shaped 500 for anything that throws.
/// </summary>
/// <remarks>
/// Nothing here records a header value, a form body or a token: the verbose line and the recent list
/// show method, path, the API's query string (which carries no secrets) and status only.
/// </remarks>
internal sealed class RequestRecorder(EmulatorStats stats, FaultInjector faults, TimeProvider time, bool verbose)
{
    private const string ControlPrefix = "/_emulator";
    private const string ApiPrefix = "/v1";
    private const string TokenPathSuffix = "/oauth2/v2.0/token";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var started = Stopwatch.GetTimestamp();

        if (request.Path.StartsWithSegments(ControlPrefix))
        {
            await RunAsync(context, next, isApi: false).ConfigureAwait(false);
            WriteVerboseLine(context, path, "", started);
            return;
        }

        var isApi = request.Path.StartsWithSegments(ApiPrefix);
        var isToken = !isApi && HttpMethods.IsPost(request.Method) && path.EndsWith(TokenPathSuffix, StringComparison.OrdinalIgnoreCase);
        var query = isApi ? request.QueryString.Value ?? "" : "";
        if (isApi)
        {
            // The service echoes the caller's ids, or makes up its own, on every response, errors included.
            context.Response.Headers["MS-CorrelationId"] = EchoOrNew(request.Headers["MS-CorrelationId"].ToString());
            context.Response.Headers["MS-RequestId"] = EchoOrNew(request.Headers["MS-RequestId"].ToString());
            stats.CountApiRequest(path);
        }
        else if (isToken)
        {
            stats.CountTokenRequest();
        }

        var entry = new RecentRequest(request.Method, path, query, 0, request.Headers.ContainsKey("Authorization"));
        context.Response.OnStarting(static state =>
        {
            var (stats, entry, response) = ((EmulatorStats, RecentRequest, HttpResponse))state;
            stats.Remember(entry with { Status = response.StatusCode });
            return Task.CompletedTask;
        }, (stats, entry, context.Response));

        if (faults.TryTake(path) is int status)
        {
            if (isApi) await ServiceError.Injected(status).WriteAsync(context).ConfigureAwait(false);
            else await EntraError.TransientFailure(status).WriteAsync(context, Guid.NewGuid(), time.GetUtcNow()).ConfigureAwait(false);
        }
        else
        {
            await RunAsync(context, next, isApi).ConfigureAwait(false);
        }
        WriteVerboseLine(context, path, query, started);
    }

    private async Task RunAsync(HttpContext context, RequestDelegate next, bool isApi)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            Console.Error.WriteLine($"emulator: {context.Request.Method} {context.Request.Path} failed: {ex}");
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            if (isApi) await ServiceError.Internal().WriteAsync(context).ConfigureAwait(false);
            else context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    private void WriteVerboseLine(HttpContext context, string path, string query, long started)
    {
        if (!verbose) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{time.GetUtcNow():HH:mm:ss.fff} {context.Request.Method} {path}{query} -> {context.Response.StatusCode} ({elapsed:F1} ms)"));
    }

    private static string EchoOrNew(string sent) =>
        sent.Length is > 0 and <= 128 ? sent : Guid.NewGuid().ToString();
}
