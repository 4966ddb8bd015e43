using System.Text.Json;

namespace PartnerCenterInvoices.Emulator;

/// <summary>What every collection page shares, invoices and line items alike: its links and the truncation fault.</summary>
internal static class PageResponse
{
    public const string ContinuationTokenHeader = "MS-ContinuationToken";

    // Hand bytes to Kestrel in pieces of about this size, so a large page never sits whole in the pipe.
    public const int FlushThreshold = 32 * 1024;

    // How long a truncated page's first part gets to reach the client before the connection is aborted:
    // an abort drops what is still queued, and the fault is meant to deliver some bytes and then stop.
    private static readonly TimeSpan TruncationGrace = TimeSpan.FromMilliseconds(50);

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
