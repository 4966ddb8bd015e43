using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary><c>GET /v1/invoices</c> (a page of the collection) and <c>GET /v1/invoices/{id}</c>.</summary>
/// <remarks>
/// A page is chosen first (indices only, from a pooled buffer) and then streamed: <c>totalCount</c> comes
/// before <c>items</c>, and like the real service it counts the items in this page, not the collection.
/// <para>
/// <paramref name="nextLinkBase"/> (--next-link-base) makes next links absolute URLs on another host: the module's
/// tests use it to check that a bearer token never follows a link to a foreign host.
/// </para>
/// </remarks>
internal sealed class InvoicesEndpoint(InvoiceGenerator generator, long invoiceCount, PagingMode paging, FaultInjector faults,
    string? nextLinkBase = null)
{
    private const int FlushThreshold = PageResponse.FlushThreshold;
    private const string ContinuationTokenHeader = PageResponse.ContinuationTokenHeader;

    private static readonly JsonEncodedText TotalCount = JsonEncodedText.Encode("totalCount");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");

    public async Task ListAsync(HttpContext context)
    {
        if (!InvoiceListQuery.TryParse(context.Request.Query, out var query, out var error))
        {
            await error.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var selection = new InvoiceSelection(generator, invoiceCount, query.InvoiceType, query.Filter);
        long start;
        if (query.SeekNext)
        {
            var token = context.Request.Headers[ContinuationTokenHeader].ToString();
            if (!ContinuationToken.TryRead(token, generator.Seed, out var resumeAt) || resumeAt > invoiceCount)
            {
                await ServiceError.InvalidContinuationToken(missing: token.Length == 0).WriteAsync(context).ConfigureAwait(false);
                return;
            }
            start = selection.NextMatch(resumeAt);
        }
        else
        {
            start = selection.Skip(query.Offset);
        }

        var page = ArrayPool<long>.Shared.Rent(query.PageSize);
        try
        {
            var count = 0;
            var next = start;
            while (count < query.PageSize && next < invoiceCount)
            {
                page[count++] = next;
                next = selection.NextMatch(next + 1);
            }
            var truncate = faults.TakeTruncation(context.Request.Path.Value ?? "");
            await WritePageAsync(context, query, page.AsMemory(0, count), next < invoiceCount ? next : null, truncate).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(page);
        }
    }

    /// <summary><c>GET /v1/invoices/{id}</c>: the invoice as the list shows it, with its <c>pdfDownloadLink</c> filled in.</summary>
    public async Task GetByIdAsync(HttpContext context, AccessTokenValidation caller, string id)
    {
        // The real service serves a single invoice to App+User callers only.
        if (caller.IsAppOnly)
        {
            await ServiceError.AppPlusUserRequired().WriteAsync(context).ConfigureAwait(false);
            return;
        }
        if (!InvoiceId.TryFind(id, generator, invoiceCount, out var invoice))
        {
            await ServiceError.InvoiceNotFound(id).WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        InvoiceJsonWriter.Write(writer, generator, invoice, readById: true);
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WritePageAsync(HttpContext context, InvoiceListQuery query, ReadOnlyMemory<long> indices, long? nextIndex, bool truncate)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        // A page to be cut short is written whole into memory first, so its Content-Length can be the full length.
        var buffer = truncate ? new ArrayBufferWriter<byte>(64 * 1024) : null;
        var writer = buffer is null ? JsonResponse.Start(response, StatusCodes.Status200OK, isPage: true) : JsonResponse.StartBuffered(response, buffer);
        writer.WriteStartObject();
        writer.WriteNumber(TotalCount, indices.Length);
        writer.WriteStartArray(Items);
        long flushedAt = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            InvoiceJsonWriter.Write(writer, generator, generator.Generate(indices.Span[i]));
            if (buffer is null && writer.BytesCommitted + writer.BytesPending - flushedAt >= FlushThreshold)
            {
                writer.Flush();
                flushedAt = writer.BytesCommitted;
                await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        writer.WriteEndArray();

        string? token = null;
        string? nextUri = null;
        if (nextIndex is long resumeAt)
        {
            if (paging == PagingMode.Continuation)
            {
                token = ContinuationToken.Create(generator.Seed, resumeAt);
                nextUri = string.Create(CultureInfo.InvariantCulture, $"/invoices?size={query.PageSize}&seekOperation=Next");
            }
            else
            {
                // Legacy offsets count selected invoices, so with a filter the next offset is in filtered terms too.
                nextUri = string.Create(CultureInfo.InvariantCulture, $"/invoices?size={query.PageSize}&offset={query.Offset + indices.Length}");
            }
            if (query.InvoiceTypeText is not null) nextUri += "&invoiceType=" + Uri.EscapeDataString(query.InvoiceTypeText);
            if (query.FilterText is not null) nextUri += "&filter=" + Uri.EscapeDataString(query.FilterText);
            if (nextLinkBase is not null) nextUri = nextLinkBase + "/v1" + nextUri;
        }

        await PageResponse.FinishPageAsync(context, writer, buffer, "/invoices" + context.Request.QueryString.Value, nextUri, token).ConfigureAwait(false);
    }
}
