using System.Buffers;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>What every collection page shares, invoices and line items alike: its links and the truncation fault.</summary>
internal static class PageResponse
{
    public const string ContinuationTokenHeader = "MS-ContinuationToken";

    // Hand bytes to Kestrel in pieces of about this size, so a large page never sits whole in the pipe.
    public const int FlushThreshold = 32 * 1024;

    // How long a truncated page's first part gets to reach the client before the connection is aborted:
    // an abort drops what is still queued, and the fault is meant to deliver some bytes and then stop.
    private static readonly TimeSpan TruncationGrace = TimeSpan.FromMilliseconds(50);

    private static readonly JsonEncodedText ContinuationTokenName = JsonEncodedText.Encode("continuationToken");

    /// <summary>
    /// Ends a page whose <c>items</c> array is closed: the continuation token if any, the <c>self</c> and <c>next</c>
    /// links and the collection attributes; then sends it, whole or (with a <paramref name="buffer"/>) truncated.
    /// </summary>
    /// <remarks>
    /// The invoice list and the line-item pages end their bodies byte for byte alike and differ only in the URIs;
    /// writing the tail here keeps the two collections' JSON shape in one place.
    /// </remarks>
    public static async Task FinishPageAsync(HttpContext context, Utf8JsonWriter writer, ArrayBufferWriter<byte>? buffer,
        string selfUri, string? nextUri, string? continuationToken)
    {
        if (continuationToken is not null) writer.WriteString(ContinuationTokenName, continuationToken);
        writer.WriteStartObject("links");
        WriteLink(writer, "self", selfUri, null);
        if (nextUri is not null) WriteLink(writer, "next", nextUri, continuationToken);
        writer.WriteEndObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("objectType", "Collection");
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (buffer is null)
        {
            await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        await using (writer.ConfigureAwait(false)) writer.Flush();
        await SendTruncatedAsync(context, buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>A link object: <c>{"uri","method":"GET","headers":[…]}</c>, the continuation token as its one header if any.</summary>
    public static void WriteLink(Utf8JsonWriter writer, string name, string uri, string? continuationToken)
    {
        writer.WriteStartObject(name);
        writer.WriteString("uri", uri);
        writer.WriteString("method", "GET");
        writer.WriteStartArray("headers");
        if (continuationToken is not null)
        {
            writer.WriteStartObject();
            writer.WriteString("key", ContinuationTokenHeader);
            writer.WriteString("value", continuationToken);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Announces the whole body in Content-Length, sends about half of it, and aborts the connection: the client
    /// sees a premature end of the body (an IOException), never a short body that looks complete.
    /// </summary>
    public static async Task SendTruncatedAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Items[RequestRecorder.FaultItem] = "truncated";
        context.Response.ContentLength = body.Length;
        var sent = Math.Max(1, body.Length / 2);
        try
        {
            await context.Response.BodyWriter.WriteAsync(body[..sent], context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(TruncationGrace, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went first; the abort below is all that is left to do.
        }
        context.Abort();
    }
}
