using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Control;

/// <summary>
/// <c>/_emulator/*</c>: what tests use to look inside and steer the emulator. No authentication: the
/// emulator listens on loopback only, and these routes are never part of the emulated service.
/// </summary>
internal sealed class ControlEndpoints(EmulatorStats stats, FaultInjector faults, AccessTokenIssuer issuer, ApplicationDirectory applications,
    TenantDirectory tenants, RefreshTokens refreshTokens, DeviceAuthorizations deviceAuthorizations, TimeSpan tokenLifetime,
    EmulatorAddress address, SharedAccessSignatures signatures, GraphPermission graph, ExternalExports externalExports)
{
    private static readonly string[] RuleKeys = ["every", "length", "status", "retryAfterSeconds", "ms", "requests", "repeat"];

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/_emulator/stats", StatsAsync);
        routes.MapGet("/_emulator/info", InfoAsync);
        routes.MapPost("/_emulator/sas/expire", ExpireSignatures);
        routes.MapPost("/_emulator/exports/external", SetExternalExportsAsync);
        routes.MapDelete("/_emulator/exports/external", ClearExternalExports);
        routes.MapPost("/_emulator/reset", Reset);
        routes.MapPost("/_emulator/faults", SetFaultAsync);
        routes.MapGet("/_emulator/faults", ListFaultsAsync);
        routes.MapDelete("/_emulator/faults", ClearFaultAsync);
        routes.MapPost("/_emulator/revoke-tokens", RevokeTokens);
        routes.MapPost("/_emulator/token", MintTokenAsync);
        routes.MapPost("/_emulator/apps", RegisterApplicationAsync);
        routes.MapPost("/_emulator/refresh-tokens", MintRefreshTokenAsync);
        routes.MapGet("/_emulator/devicecode/pending", PendingDeviceCodesAsync);
        routes.MapPost("/_emulator/devicecode/{action}", SettleDeviceCodeAsync);
    }

    private async Task StatsAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        stats.WriteTo(writer);
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // {"baseUrl": "https://127.0.0.1:A", "blobBaseUrl": "https://127.0.0.1:B"}: the blob host is a second origin, not in the ready line.
    private async Task InfoAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("baseUrl", address.BaseUrl);
        writer.WriteString("blobBaseUrl", address.BlobBaseUrl);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Every SAS token minted so far fails from now on as expired; manifests read afterwards carry working ones.
    private Task ExpireSignatures(HttpContext context)
    {
        signatures.ExpireAll();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    // Body: {"rootDirectory": "http://127.0.0.1:10000/devstoreaccount1/exports/dir", "sasToken": "sv=...&sig=...", "blobs": ["part-1.json.gz", ...]}.
    // Exports started from now on list those files (in that order) with that SAS in their manifests, until DELETE.
    // The answer leaves the SAS out: it is a credential.
    private async Task SetExternalExportsAsync(HttpContext context)
    {
        ExternalExportFiles files;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            string? root = null, sas = null;
            List<string>? blobs = null;
            foreach (var property in body.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "rootdirectory": root = property.Value.GetString(); break;
                    case "sastoken": sas = property.Value.GetString(); break;
                    case "blobs":
                        if (property.Value.ValueKind != JsonValueKind.Array) throw new FormatException("'blobs' must be an array of blob names");
                        blobs = [.. property.Value.EnumerateArray().Select(name => name.GetString() ?? "")];
                        break;
                    default: throw new FormatException($"unknown property '{property.Name}'");
                }
            }
            if (!Uri.TryCreate(root, UriKind.Absolute, out var rootUri) || (rootUri.Scheme != Uri.UriSchemeHttp && rootUri.Scheme != Uri.UriSchemeHttps)
                || rootUri.Query.Length > 0)
                throw new FormatException("'rootDirectory' must be an absolute http(s) URL of a blob directory, without a query");
            if (blobs is not { Count: > 0 } || blobs.Any(string.IsNullOrWhiteSpace))
                throw new FormatException("'blobs' must list at least one blob name, none empty");
            files = new ExternalExportFiles(root!.TrimEnd('/'), (sas ?? "").TrimStart('?'), blobs);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteProblemAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        externalExports.Set(files);
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("rootDirectory", files.RootDirectory);
        writer.WriteNumber("blobCount", files.Blobs.Count);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Exports started from now on are the emulator's own again; operations started before keep what they had.
    private Task ClearExternalExports(HttpContext context)
    {
        externalExports.Set(null);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
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
    // With ?refreshTokens=true every refresh token issued so far is revoked as well.
    private Task RevokeTokens(HttpContext context)
    {
        issuer.RevokeAll();
        if (bool.TryParse(context.Request.Query["refreshTokens"].ToString(), out var alsoRefreshTokens) && alsoRefreshTokens) refreshTokens.RevokeAll();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    // ?appId=<id>&lifetime=<seconds, may be negative>&audience=<aud>&user=<upn>: a token as the token endpoint would
    // issue it, without a sign-in; tests use it to bring their own token, or an expired or misaddressed one.
    // With user, an App+User token as a refresh token or device code sign-in would issue it.
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
        UserAccount? user = null;
        var userText = query["user"].ToString();
        if (userText.Length > 0 && !UserAccount.TryCreate(userText, tenants.TenantId, out user))
        {
            await WriteProblemAsync(context, "'user' must be a user principal name such as admin@contoso.onmicrosoft.com").ConfigureAwait(false);
            return;
        }

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        // A Graph token carries PartnerBilling.Read.All (a role, or for a user a scope) as the token endpoint would grant it.
        var permission = GraphPermission.IsGraph(audience) && graph.IsConsented(appId) ? GraphPermission.PartnerBillingReadAll : null;
        writer.WriteString("access_token", issuer.Issue(appId, audience, lifetime, ClientCredentialKind.Secret, user, permission));
        writer.WriteString("token_type", "Bearer");
        writer.WriteNumber("expires_in", (long)lifetime.TotalSeconds);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Body: {"clientId": "...", "secret": "...", "certificatePem": "-----BEGIN CERTIFICATE-----...", "public": false}.
    // Registers the app, replacing any app with that client id; it needs at least one of secret, certificate, public.
    private async Task RegisterApplicationAsync(HttpContext context)
    {
        RegisteredApplication application;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object");
            string? clientId = null, secret = null, certificatePem = null;
            var isPublic = false;
            foreach (var property in body.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "clientid": clientId = property.Value.GetString(); break;
                    case "secret": secret = property.Value.GetString(); break;
                    case "certificatepem": certificatePem = property.Value.GetString(); break;
                    case "public": isPublic = property.Value.GetBoolean(); break;
                    default: throw new FormatException($"unknown property '{property.Name}'");
                }
            }
            if (string.IsNullOrWhiteSpace(clientId) || clientId.Contains('/') || clientId.Length > 128)
                throw new FormatException("'clientId' is required: an application (client) id");
            if (secret is { Length: 0 }) throw new FormatException("'secret' must not be empty");
            if (secret is null && certificatePem is null && !isPublic)
                throw new FormatException("give 'secret', 'certificatePem' or 'public': true, or several");
            X509Certificate2[] certificates = [];
            if (certificatePem is not null)
            {
                try
                {
                    certificates = [X509Certificate2.CreateFromPem(certificatePem)];
                }
                catch (CryptographicException ex)
                {
                    throw new FormatException($"'certificatePem' is not a PEM certificate: {ex.Message}");
                }
            }
            application = new RegisteredApplication(clientId, secret, certificates, isPublic);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            await WriteProblemAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        applications.Register(application);
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("clientId", application.ClientId);
        writer.WriteBoolean("hasSecret", application.HasAnySecret);
        writer.WriteStartArray("certificateThumbprints");
        foreach (var certificate in application.Certificates) writer.WriteStringValue(certificate.Thumbprint);
        writer.WriteEndArray();
        writer.WriteBoolean("public", application.IsPublicClient);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // ?user=<upn>&lifetimeDays=<days, may be fractional or negative>&clientId=<id>: a refresh token as a user's
    // sign-in would have left it, for the Secure Application Model. Without clientId any registered app may redeem it.
    private async Task MintRefreshTokenAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var userText = query["user"].ToString();
        if (userText.Length == 0) userText = tenants.DefaultUserPrincipalName;
        if (!UserAccount.TryCreate(userText, tenants.TenantId, out var user))
        {
            await WriteProblemAsync(context, "'user' must be a user principal name such as admin@contoso.onmicrosoft.com").ConfigureAwait(false);
            return;
        }
        var lifetime = RefreshTokens.DefaultLifetime;
        var daysText = query["lifetimeDays"].ToString();
        if (daysText.Length > 0)
        {
            if (!double.TryParse(daysText, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) || !double.IsFinite(days) || Math.Abs(days) > 3650)
            {
                await WriteProblemAsync(context, "'lifetimeDays' must be a number of days from -3650 to 3650").ConfigureAwait(false);
                return;
            }
            lifetime = TimeSpan.FromDays(days);
        }
        var clientId = query["clientId"].ToString();
        if (clientId.Length > 0 && applications.Find(clientId) is null)
        {
            await WriteProblemAsync(context, $"no app with client id '{clientId}' is registered").ConfigureAwait(false);
            return;
        }

        // mfa=false: the user signed in without multi-factor authentication, so the API refuses what this token leads to.
        var mfaText = query["mfa"].ToString();
        if (mfaText.Length > 0 && !bool.TryParse(mfaText, out _))
        {
            await WriteProblemAsync(context, "'mfa' must be true or false").ConfigureAwait(false);
            return;
        }
        var multiFactor = mfaText.Length == 0 || bool.Parse(mfaText);
        var token = refreshTokens.Issue(user.UserPrincipalName, clientId.Length > 0 ? clientId : null, lifetime, multiFactor);
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("refresh_token", token);
        writer.WriteString("user", user.UserPrincipalName);
        writer.WriteString("oid", user.ObjectId.ToString());
        writer.WriteString("expiresOn", refreshTokens.Check(token).ExpiresAt);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // [{"userCode": "...", "clientId": "...", "scope": "...", "expiresOn": "..."}], oldest first: a bare array, so
    // "@(Invoke-RestMethod …) | Select-Object -First 1" is the first waiting code, or nothing.
    private async Task PendingDeviceCodesAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartArray();
        foreach (var authorization in deviceAuthorizations.Pending())
        {
            writer.WriteStartObject();
            writer.WriteString("userCode", authorization.UserCode);
            writer.WriteString("clientId", authorization.ClientId);
            writer.WriteString("scope", authorization.Scope.RequestedScope);
            writer.WriteString("expiresOn", authorization.ExpiresAt);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // POST /_emulator/devicecode/{approve|decline|expire}?userCode=XXXX[&user=<upn>]: what the user (or the clock)
    // does to a waiting code. 404 for an unknown code, 409 for one no longer waiting.
    private async Task SettleDeviceCodeAsync(HttpContext context)
    {
        var action = ((string?)context.Request.RouteValues["action"] ?? "").ToLowerInvariant();
        if (action is not ("approve" or "decline" or "expire"))
        {
            await WriteProblemAsync(context, $"unknown device code action '{action}': approve, decline or expire", StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }
        var userCode = context.Request.Query["userCode"].ToString();
        var userText = context.Request.Query["user"].ToString();
        if (userText.Length == 0) userText = tenants.DefaultUserPrincipalName;
        if (!UserAccount.TryCreate(userText, tenants.TenantId, out var user))
        {
            await WriteProblemAsync(context, "'user' must be a user principal name such as admin@contoso.onmicrosoft.com").ConfigureAwait(false);
            return;
        }

        var (status, problem) = deviceAuthorizations.WithUserCode(userCode, authorization =>
        {
            if (authorization is null) return (StatusCodes.Status404NotFound, $"no device code has the user code '{userCode}'");
            if (authorization.State != DeviceCodeState.Pending || deviceAuthorizations.IsExpired(authorization))
                return (StatusCodes.Status409Conflict, $"the code is no longer waiting ({(deviceAuthorizations.IsExpired(authorization) ? "expired" : authorization.State.ToString().ToLowerInvariant())})");
            switch (action)
            {
                case "approve":
                    authorization.State = DeviceCodeState.Approved;
                    authorization.User = user;
                    break;
                case "decline":
                    authorization.State = DeviceCodeState.Declined;
                    break;
                default:
                    authorization.ExpiresAt = DateTimeOffset.MinValue;
                    break;
            }
            return (StatusCodes.Status200OK, "");
        });
        if (status != StatusCodes.Status200OK)
        {
            await WriteProblemAsync(context, problem, status).ConfigureAwait(false);
            return;
        }

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("userCode", userCode.Trim().ToUpperInvariant());
        writer.WriteString("status", action switch { "approve" => "approved", "decline" => "declined", _ => "expired" });
        if (action == "approve") writer.WriteString("user", user.UserPrincipalName);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteProblemAsync(HttpContext context, string message, int status = StatusCodes.Status400BadRequest)
    {
        var writer = JsonResponse.Start(context.Response, status);
        writer.WriteStartObject();
        writer.WriteString("error", message);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }
}
