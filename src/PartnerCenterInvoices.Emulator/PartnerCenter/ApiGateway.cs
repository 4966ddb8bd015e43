namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Everything under <c>/v1</c>: checks the bearer token, then routes to the invoice endpoints.</summary>
/// <remarks>
/// Authentication comes before routing, as behind the real service's gateway: a request without a
/// valid token gets 401 whatever path it asked for. Unknown paths get the service's 404 body, not an
/// empty one, so clients can be tested on how they report it.
/// </remarks>
internal sealed class ApiGateway(AccessTokenIssuer tokens, InvoicesEndpoint invoices, LineItemsEndpoint lineItems, InvoiceSummaries summaries, StatementEndpoint statements, EmulatorStats stats)
{
    private const string InvoicesPath = "/v1/invoices";

    public async Task HandleAsync(HttpContext context)
    {
        var caller = Authenticate(context.Request);
        if (!caller.IsValid)
        {
            // Resources behind Entra ID say why in the challenge; clients that renew tokens key on "expired".
            context.Response.Headers.WWWAuthenticate = caller.Failure is AccessTokenFailure.Expired or AccessTokenFailure.Revoked
                ? "Bearer error=\"invalid_token\", error_description=\"The access token expired\""
                : "Bearer error=\"invalid_token\"";
            if (caller.Failure == AccessTokenFailure.Revoked) stats.CountFault(FaultKind.Revoked401);
            await ServiceError.Unauthorized(caller.Failure).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!caller.IsAppOnly && !caller.MultiFactor)
        {
            // From 1 April 2026 the service refuses App+User tokens obtained without MFA, whatever the path.
            await ServiceError.MultiFactorRequired().WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (path.TrimEnd('/').Equals(InvoicesPath, StringComparison.OrdinalIgnoreCase))
        {
            if (HttpMethods.IsGet(method)) await invoices.ListAsync(context).ConfigureAwait(false);
            else await ServiceError.MethodNotAllowed(method, path).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        // /v1/invoices/{id}, /v1/invoices/{id}/documents/statement and the line items; every other path below is unknown.
        var below = path.StartsWith(InvoicesPath + "/", StringComparison.OrdinalIgnoreCase) ? path[(InvoicesPath.Length + 1)..].TrimEnd('/').Split('/') : [];
        if (below is [var summaryPath] && (summaryPath.Equals("summaries", StringComparison.OrdinalIgnoreCase) || summaryPath.Equals("summary", StringComparison.OrdinalIgnoreCase)))
        {
            // "summaries" and "summary" are not invoice ids (those are D or G and 9 digits), so they cannot shadow one.
            if (!HttpMethods.IsGet(method)) await ServiceError.MethodNotAllowed(method, path).WriteAsync(context).ConfigureAwait(false);
            else if (summaryPath.Length == "summaries".Length) await summaries.GetCollectionAsync(context, caller).ConfigureAwait(false);
            else await summaries.GetFirstAsync(context, caller).ConfigureAwait(false);
            return;
        }
        if (below is [{ Length: > 0 }, var lineItemsSegment, ..] && lineItemsSegment.Equals("lineitems", StringComparison.OrdinalIgnoreCase) && below.Length is 2 or 4)
        {
            var id = Uri.UnescapeDataString(below[0]);
            if (!HttpMethods.IsGet(method)) await ServiceError.MethodNotAllowed(method, path).WriteAsync(context).ConfigureAwait(false);
            else if (below.Length == 2) await lineItems.GetModernAsync(context, id).ConfigureAwait(false);
            else await lineItems.GetLegacyAsync(context, id, Uri.UnescapeDataString(below[2]), Uri.UnescapeDataString(below[3])).ConfigureAwait(false);
            return;
        }
        if (below.Length == 1 && below[0].Length > 0 || below is [{ Length: > 0 }, var documents, var statement] &&
            documents.Equals("documents", StringComparison.OrdinalIgnoreCase) && statement.Equals("statement", StringComparison.OrdinalIgnoreCase))
        {
            var id = Uri.UnescapeDataString(below[0]);
            if (!HttpMethods.IsGet(method)) await ServiceError.MethodNotAllowed(method, path).WriteAsync(context).ConfigureAwait(false);
            else if (below.Length == 1) await invoices.GetByIdAsync(context, caller, id).ConfigureAwait(false);
            else await statements.GetInvoiceStatementAsync(context, caller, id).ConfigureAwait(false);
            return;
        }
        if (below is [{ Length: > 0 }, var receipts, { Length: > 0 }, var receiptDocuments, var receiptStatement] &&
            receipts.Equals("receipts", StringComparison.OrdinalIgnoreCase) && receiptDocuments.Equals("documents", StringComparison.OrdinalIgnoreCase) &&
            receiptStatement.Equals("statement", StringComparison.OrdinalIgnoreCase))
        {
            if (!HttpMethods.IsGet(method)) await ServiceError.MethodNotAllowed(method, path).WriteAsync(context).ConfigureAwait(false);
            else await statements.GetTaxReceiptAsync(context, caller, Uri.UnescapeDataString(below[0]), Uri.UnescapeDataString(below[2])).ConfigureAwait(false);
            return;
        }

        await ServiceError.RouteNotFound(path).WriteAsync(context).ConfigureAwait(false);
    }

    private AccessTokenValidation Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0])) return AccessTokenValidation.Refused(AccessTokenFailure.Missing);
        if (header.Count > 1) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        var value = header[0]!;
        const string scheme = "Bearer ";
        if (!value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        return tokens.Validate(value[scheme.Length..].Trim());
    }
}
