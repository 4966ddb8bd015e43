using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Everything under <c>/v1.0</c> and <c>/beta</c>: checks the Graph token, then routes to the billing exports.</summary>
/// <remarks>
/// <para>
/// Routes (both versions behave alike): <c>POST /reports/partners/billing/{reconciliation|usage}/{billed|unbilled}/export</c>
/// (also as the qualified action <c>microsoft.graph.partners.billing.export</c>), <c>GET …/operations/{id}</c>,
/// <c>GET …/manifests/{id}</c>.
/// </para>
/// <para>
/// Only a Graph-audience token carrying <c>PartnerBilling.Read.All</c> (app role or delegated scope) gets in:
/// another audience, or an invalid token, is 401 <c>InvalidAuthenticationToken</c>; a Graph token without the
/// permission is 403 <c>Forbidden</c> naming it. Authentication comes before routing, as at the real gateway.
/// </para>
/// </remarks>
internal sealed class GraphGateway(AccessTokenIssuer tokens, ExportOperations operations, SharedAccessSignatures signatures, EmulatorAddress address,
    Guid partnerTenantId, GraphExportSettings settings, EmulatorStats stats, TimeProvider time)
{
    private const string BillingPrefix = "/reports/partners/billing/";

    public async Task HandleAsync(HttpContext context)
    {
        var caller = Authenticate(context.Request);
        if (!caller.IsValid)
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"{GraphPermission.ApplicationId}\"";
            if (caller.Failure == AccessTokenFailure.Revoked) stats.CountFault(FaultKind.Revoked401);
            await GraphError.Unauthorized(caller.Failure).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }
        if (!caller.HasPermission(GraphPermission.PartnerBillingReadAll))
        {
            await GraphError.MissingPermission(caller.IsAppOnly, caller.IsAppOnly ? caller.Roles : caller.Scopes).WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "";
        var version = path.StartsWith("/beta", StringComparison.OrdinalIgnoreCase) ? "/beta" : "/v1.0";
        var below = path[version.Length..].TrimEnd('/');
        var method = context.Request.Method;
        if (below.StartsWith(BillingPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var segments = below[BillingPrefix.Length..].Split('/');
            if (segments is [var area, var state, var action] && ExportKindOf(area, state) is { } kind && IsExportAction(action))
            {
                if (HttpMethods.IsPost(method)) await StartExportAsync(context, kind, version).ConfigureAwait(false);
                else await Fail(context, GraphError.MethodNotAllowed(method)).ConfigureAwait(false);
                return;
            }
            if (segments is [var collection, var idText] && (collection.Equals("operations", StringComparison.OrdinalIgnoreCase) || collection.Equals("manifests", StringComparison.OrdinalIgnoreCase)))
            {
                if (!HttpMethods.IsGet(method)) await Fail(context, GraphError.MethodNotAllowed(method)).ConfigureAwait(false);
                else if (collection.Length == "operations".Length) await GetOperationAsync(context, idText, version).ConfigureAwait(false);
                else await GetManifestAsync(context, idText).ConfigureAwait(false);
                return;
            }
        }
        await Fail(context, GraphError.SegmentNotFound(below.TrimStart('/').Split('/').LastOrDefault() ?? "")).ConfigureAwait(false);
    }

    private async Task StartExportAsync(HttpContext context, ExportKind kind, string version)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Fail(context, GraphError.UnsupportedMediaType(contentType)).ConfigureAwait(false);
            return;
        }
        ExportRequest request;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            request = ExportRequest.Parse(kind, body.RootElement);
        }
        catch (JsonException)
        {
            await Fail(context, GraphError.BadRequest("The request body is not valid JSON.")).ConfigureAwait(false);
            return;
        }
        catch (FormatException ex)
        {
            await Fail(context, GraphError.BadRequest(ex.Message)).ConfigureAwait(false);
            return;
        }

        var operation = operations.Start(request);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers.Location = $"{address.BaseUrl}{version}{BillingPrefix}operations/{operation.Id}";
        context.Response.ContentLength = 0;
    }

    private async Task GetOperationAsync(HttpContext context, string idText, string version)
    {
        if (!Guid.TryParse(idText, out var id) || operations.Find(id) is not { } operation)
        {
            await Fail(context, GraphError.NotFound($"The operation '{Shorten(idText)}' was not found.")).ConfigureAwait(false);
            return;
        }

        var finished = operations.Poll(operation, out var polls);
        var now = time.GetUtcNow();
        var failure = operation.FailureMessage;
        PreparedExport? export = null;
        if (finished && failure is null)
        {
            if (operation.Export!.IsCompletedSuccessfully) export = operation.Export.Result;
            else failure = "The export could not be prepared. Start a new export.";
        }
        if (!finished) context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"https://graph.microsoft.com{version}/$metadata#reports/partners/billing/operations/$entity");
        writer.WriteString("@odata.type", !finished ? "#microsoft.graph.partners.billing.runningOperation"
            : export is null ? "#microsoft.graph.partners.billing.failedOperation" : "#microsoft.graph.partners.billing.exportSuccessOperation");
        writer.WriteString("id", operation.Id);
        writer.WriteString("createdDateTime", GraphTime.Format(operation.Created));
        writer.WriteString("lastActionDateTime", GraphTime.Format(finished ? now : polls == 1 ? operation.Created : now));
        if (!finished)
        {
            writer.WriteString("status", polls == 1 ? "notStarted" : "running");
        }
        else if (export is null)
        {
            writer.WriteString("status", "failed");
            writer.WriteStartObject("error");
            writer.WriteString("code", operation.FailureMessage is null ? "500" : ExportOperations.NoDataCode);
            writer.WriteString("message", failure);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("status", settings.SucceededStatus);
            if (settings.InlineManifest)
            {
                stats.CountManifestRead();
                writer.WritePropertyName("resourceLocation");
                ManifestJsonWriter.Write(writer, operation.ManifestId, export, address.BlobBaseUrl, partnerTenantId, SasFor(export));
            }
            else
            {
                writer.WriteString("resourceLocation@odata.navigationLink", $"{address.BaseUrl}{version}{BillingPrefix}manifests/{operation.ManifestId}");
            }
        }
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task GetManifestAsync(HttpContext context, string idText)
    {
        // A manifest exists once its operation has succeeded; before that, or for a failed one, it is not found.
        if (!Guid.TryParse(idText, out var id) || operations.FindByManifest(id) is not { Export.IsCompletedSuccessfully: true } operation)
        {
            await Fail(context, GraphError.NotFound($"The manifest '{Shorten(idText)}' was not found.")).ConfigureAwait(false);
            return;
        }
        stats.CountManifestRead();
        var export = operation.Export.Result;
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        ManifestJsonWriter.Write(writer, operation.ManifestId, export, address.BlobBaseUrl, partnerTenantId, SasFor(export));
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Files elsewhere come with the SAS they were registered with; the emulator's own get a fresh one at every read.
    private string SasFor(PreparedExport export) => export.External?.SasToken ?? signatures.Mint(export.Scope.Directory);

    private Task Fail(HttpContext context, GraphError error) => error.WriteAsync(context, time.GetUtcNow());

    private AccessTokenValidation Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0])) return AccessTokenValidation.Refused(AccessTokenFailure.Missing);
        if (header.Count > 1) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        var value = header[0]!;
        const string scheme = "Bearer ";
        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        return tokens.Validate(value[scheme.Length..].Trim(), GraphPermission.Audience);
    }

    private static ExportKind? ExportKindOf(string area, string state) => (area.ToLowerInvariant(), state.ToLowerInvariant()) switch
    {
        ("reconciliation", "billed") => ExportKind.BilledReconciliation,
        ("reconciliation", "unbilled") => ExportKind.UnbilledReconciliation,
        ("usage", "billed") => ExportKind.BilledUsage,
        ("usage", "unbilled") => ExportKind.UnbilledUsage,
        _ => null,
    };

    private static bool IsExportAction(string action) =>
        action.Equals("export", StringComparison.OrdinalIgnoreCase) || action.Equals("microsoft.graph.partners.billing.export", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
