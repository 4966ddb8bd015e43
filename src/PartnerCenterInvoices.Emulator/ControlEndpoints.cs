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
    private static readonly string[] RuleKeys = ["every", "length", "status", "retryAfterSeconds", "ms", "requests", "repeat"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/stats", StatsAsync);
        routes.MapPost("/_emulator/reset", Reset);
        routes.MapPost("/_emulator/faults", SetFaultAsync);
        routes.MapGet("/_emulator/faults", ListFaultsAsync);
        routes.MapDelete("/_emulator/faults", ClearFaultAsync);
        routes.MapPost("/_emulator/revoke-tokens", RevokeTokens);
        routes.MapPost("/_emulator/token", MintTokenAsync);
    }

    private async Task StatsAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        stats.WriteTo(writer);
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Zeroes the counters, including each fault mode's request count, so a run after a reset fails the same
    // request numbers as a fresh start; the modes themselves stay.
    private Task Reset(HttpContext context)
    {
        stats.Reset();
        faults.ResetCounters();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    // Body: {"status": 500, "count": 1, "pathPrefix": "/v1/invoices"} for the one-shot fault (count defaults to 1,
    // pathPrefix to "/v1"), or {"mode": "throttle", "every": 5, ...} for a fault mode (see FaultRule).
    private async Task SetFaultAsync(HttpContext context)
    {
        InjectedFault? fault = null;
        FaultRule? rule = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            if (body.RootElement.TryGetProperty("mode", out _) || body.RootElement.TryGetProperty("Mode", out _)) rule = ReadRule(body.RootElement);
            else fault = ReadOneShotFault(body.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteProblemAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        if (rule is not null)
        {
            faults.Set(rule);
            rule.WriteTo(writer);
        }
        else
        {
            faults.Set(fault!);
            WriteOneShotFault(writer, fault!);
        }
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static InjectedFault ReadOneShotFault(JsonElement body)
    {
        int? status = null;
        var count = 1;
        var prefix = FaultRule.DefaultPathPrefix;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "status": status = property.Value.GetInt32(); break;
                case "count": count = property.Value.GetInt32(); break;
                case "pathprefix": prefix = property.Value.GetString() ?? prefix; break;
            }
        }
        if (status is null) throw new FormatException("'status' is required");
        if (status is < 400 or > 599) throw new FormatException("'status' must be from 400 to 599");
        if (count < 1) throw new FormatException("'count' must be 1 or more");
        if (!prefix.StartsWith('/')) throw new FormatException("'pathPrefix' must start with '/'");
        return new InjectedFault(status.Value, count, prefix);
    }

    private static FaultRule ReadRule(JsonElement body)
    {
        FaultMode? mode = null;
        string? prefix = null;
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.Equals("mode", StringComparison.OrdinalIgnoreCase))
            {
                var name = property.Value.GetString() ?? "";
                mode = FaultRule.TryParseMode(name, out var parsed) ? parsed
                    : throw new FormatException($"'mode' must be one of throttle, burst, reset, truncate, latency, slow, expire-after, not '{name}'");
            }
            else if (property.Name.Equals("pathPrefix", StringComparison.OrdinalIgnoreCase))
            {
                prefix = property.Value.GetString();
            }
            else
            {
                var key = RuleKeys.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new FormatException($"unknown property '{property.Name}'");
                values[key] = property.Value.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => property.Value.TryGetInt64(out var number) ? number : throw new FormatException($"'{property.Name}' must be an integer"),
                };
            }
        }
        return FaultRule.Create(mode!.Value, values, prefix);
    }

    private static void WriteOneShotFault(Utf8JsonWriter writer, InjectedFault fault)
    {
        writer.WriteStartObject();
        writer.WriteNumber("status", fault.Status);
        writer.WriteNumber("count", fault.Remaining);
        writer.WriteString("pathPrefix", fault.PathPrefix);
        writer.WriteEndObject();
    }

    // {"oneShot": {"status","count","pathPrefix"} or null, "modes": [{"mode": ..., ...}, ...]}
    private async Task ListFaultsAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WritePropertyName("oneShot");
        if (faults.Current is { } fault) WriteOneShotFault(writer, fault);
        else writer.WriteNullValue();
        writer.WriteStartArray("modes");
        foreach (var rule in faults.Rules) rule.WriteTo(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Clears everything, or with ?mode=<name> that one mode only.
    private async Task ClearFaultAsync(HttpContext context)
    {
        var modeName = context.Request.Query["mode"].ToString();
        if (modeName.Length == 0)
        {
            faults.Clear();
        }
        else if (FaultRule.TryParseMode(modeName, out var mode))
        {
            faults.Clear(mode);
        }
        else
        {
            await WriteProblemAsync(context, $"'mode' must name a fault mode, not '{modeName}'").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    // Every access token issued so far now fails as expired; tokens issued afterwards work.
    private Task RevokeTokens(HttpContext context)
    {
        issuer.RevokeAll();
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
