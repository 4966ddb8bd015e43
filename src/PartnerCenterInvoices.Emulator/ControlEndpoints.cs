using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator;

/// <summary>
/// <c>/_emulator/*</c>: what tests use to look inside and steer the emulator. No authentication: the
/// emulator listens on loopback only, and these routes are never part of the emulated service.
/// </summary>
internal sealed class ControlEndpoints(EmulatorStats stats, FaultInjector faults, AccessTokenIssuer issuer,
    ApplicationDirectory applications, TimeSpan tokenLifetime)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/stats", StatsAsync);
        routes.MapPost("/_emulator/reset", Reset);
        routes.MapPost("/_emulator/faults", SetFaultAsync);
        routes.MapDelete("/_emulator/faults", ClearFault);
        routes.MapPost("/_emulator/token", MintTokenAsync);
    }

    private async Task StatsAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        stats.WriteTo(writer);
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private Task Reset(HttpContext context)
    {
        stats.Reset();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    // Body: {"status": 500, "count": 1, "pathPrefix": "/v1/invoices"}; count defaults to 1, pathPrefix to "/v1".
    private async Task SetFaultAsync(HttpContext context)
    {
        int status, count = 1;
        var prefix = "/v1";
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            int? statusValue = null;
            foreach (var property in body.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "status": statusValue = property.Value.GetInt32(); break;
                    case "count": count = property.Value.GetInt32(); break;
                    case "pathprefix": prefix = property.Value.GetString() ?? prefix; break;
                }
            }
            status = statusValue ?? throw new FormatException("'status' is required");
            if (status is < 400 or > 599) throw new FormatException("'status' must be from 400 to 599");
            if (count < 1) throw new FormatException("'count' must be 1 or more");
            if (!prefix.StartsWith('/')) throw new FormatException("'pathPrefix' must start with '/'");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteProblemAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var fault = new InjectedFault(status, count, prefix);
        faults.Set(fault);
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteNumber("status", fault.Status);
        writer.WriteNumber("count", fault.Remaining);
        writer.WriteString("pathPrefix", fault.PathPrefix);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private Task ClearFault(HttpContext context)
    {
        faults.Clear();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    // ?appId=<id>&lifetime=<seconds, may be negative>&audience=<aud>: a token as the token endpoint would
    // issue it, without a sign-in; tests use it to bring their own token, or an expired or misaddressed one.
    private async Task MintTokenAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var appId = query["appId"].ToString();
        if (appId.Length == 0) appId = applications.DefaultClientId;
        var lifetime = tokenLifetime;
        var lifetimeText = query["lifetime"].ToString();
        if (lifetimeText.Length > 0)
        {
            if (!int.TryParse(lifetimeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
            {
                await WriteProblemAsync(context, "'lifetime' must be an integer number of seconds").ConfigureAwait(false);
                return;
            }
            lifetime = TimeSpan.FromSeconds(seconds);
        }
        var audience = query["audience"].ToString();
        if (audience.Length == 0) audience = AccessTokenIssuer.PartnerCenterAudience;

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("access_token", issuer.Issue(appId, audience, lifetime));
        writer.WriteString("token_type", "Bearer");
        writer.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteProblemAsync(HttpContext context, string message)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status400BadRequest);
        writer.WriteStartObject();
        writer.WriteString("error", message);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }
}
