using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>An invoice's line items: <c>GET /v1/invoices/{id}/lineitems/{provider}/{type}</c> and <c>GET /v1/invoices/{id}/lineitems?provider=…</c>.</summary>
/// <remarks>
/// Both App and App+User tokens may read them. A page is lines [start, start + size) of one
/// <see cref="InvoiceLineItems"/>, each made in O(1) from its number, so a page deep into a million-line
/// invoice costs what the first one does. Legacy pages link the next by offset, modern ones by a continuation
/// token whose checksum binds it to the invoice, provider and type it came from.
/// With <c>--retire-v1-line-items</c>, OneTime and Marketplace line items of a new-commerce ("G") invoice whose
/// billing period starts after March 2025 are refused (400, code <see cref="ServiceError.RetiredLineItemsCode"/>),
/// as Microsoft retired them in favour of the reconciliation API v2 on Graph. The real service's answer to such a
/// request is not documented; this one is a choice, and clients should recognise it by status and wording.
/// </remarks>
internal sealed class LineItemsEndpoint(InvoiceGenerator generator, LineItemGenerator lineItems, long invoiceCount, FaultInjector faults,
    bool retireV1LineItems = false)
{
    /// <summary>The first billing period v1 no longer serves new-commerce line items for.</summary>
    public static readonly DateTime RetiredFrom = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonEncodedText TotalCount = JsonEncodedText.Encode("totalCount");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");

    /// <summary>The legacy route: provider and type in the path, offset paging.</summary>
    public Task GetLegacyAsync(HttpContext context, string id, string provider, string type) =>
        LineItemPageQuery.TryParseLegacy(provider, type, context.Request.Query, out var query, out var error)
            ? ServeAsync(context, id, query)
            : error.WriteAsync(context);

    /// <summary>The modern route: provider and type in the query, continuation paging.</summary>
    public Task GetModernAsync(HttpContext context, string id) =>
        LineItemPageQuery.TryParseModern(context.Request.Query, out var query, out var error)
            ? ServeAsync(context, id, query)
            : error.WriteAsync(context);

    private async Task ServeAsync(HttpContext context, string id, LineItemPageQuery query)
    {
        if (!InvoiceId.TryFind(id, generator, invoiceCount, out var invoice))
        {
            await ServiceError.InvoiceNotFound(id).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        if (retireV1LineItems && invoice.Type == InvoiceType.OneTime && invoice.BillingPeriodStart >= RetiredFrom &&
            query.Provider is BillingProviders.OneTime or BillingProviders.Marketplace)
        {
            await ServiceError.LineItemsRetired().WriteAsync(context).ConfigureAwait(false);
            return;
        }
        var lines = lineItems.For(invoice, query.Provider, query.Kind);
        var tokenScope = (long)lines.Key ^ generator.Seed;

        var start = query.Offset;
        if (query.SeekNext)
        {
            var token = context.Request.Headers[PageResponse.ContinuationTokenHeader].ToString();
            if (!ContinuationToken.TryRead(token, tokenScope, out start) || start > lines.Count)
            {
                await ServiceError.InvalidContinuationToken(missing: token.Length == 0).WriteAsync(context).ConfigureAwait(false);
                return;
            }
        }
        var end = Math.Min(lines.Count, start + query.PageSize);
        start = Math.Min(start, end);

        Span<byte> idBuffer = stackalloc byte[16];
        var canonicalId = Encoding.ASCII.GetString(idBuffer[..InvoiceJsonWriter.FormatId(idBuffer, invoice.Type, invoice.Index, invoice.AmendmentNumber)]);
        var truncate = faults.TakeTruncation(context.Request.Path.Value ?? "");
        await WritePageAsync(context, query, lines, canonicalId, start, end, tokenScope, truncate).ConfigureAwait(false);
    }

    private async Task WritePageAsync(HttpContext context, LineItemPageQuery query, InvoiceLineItems lines, string id,
        long start, long end, long tokenScope, bool truncate)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        var buffer = truncate ? new ArrayBufferWriter<byte>(1024 * 1024) : null;
        var writer = buffer is null ? JsonResponse.Start(response, StatusCodes.Status200OK, isPage: true) : JsonResponse.StartBuffered(response, buffer);
        var idBytes = Encoding.ASCII.GetBytes(id);

        writer.WriteStartObject();
        writer.WriteNumber(TotalCount, end - start);
        writer.WriteStartArray(Items);
        long flushedAt = 0;
        for (var line = start; line < end; line++)
        {
            LineItemJsonWriter.Write(writer, lineItems, lines, line, idBytes);
            if (buffer is null && writer.BytesCommitted + writer.BytesPending - flushedAt >= PageResponse.FlushThreshold)
            {
                writer.Flush();
                flushedAt = writer.BytesCommitted;
                await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();

        var basePath = query.IsLegacy
            ? $"/invoices/{id}/lineitems/{query.ProviderPathSegment}/{query.KindPathSegment}"
            : $"/invoices/{id}/lineitems";
        string? nextUri = null, token = null;
        if (end < lines.Count)
        {
            if (query.IsLegacy)
            {
                nextUri = string.Create(CultureInfo.InvariantCulture, $"{basePath}?size={query.PageSize}&offset={end}");
            }
            else
            {
                token = ContinuationToken.Create(tokenScope, end);
                nextUri = string.Create(CultureInfo.InvariantCulture,
                    $"{basePath}?provider={query.ProviderQueryValue}&invoicelineitemtype={query.KindQueryValue}&size={query.PageSize}&seekOperation=Next");
            }
        }

        await PageResponse.FinishPageAsync(context, writer, buffer, basePath + context.Request.QueryString.Value, nextUri, token).ConfigureAwait(false);
    }
}
