using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>Starts and finishes a JSON response written straight into Kestrel's response pipe.</summary>
/// <remarks>No response is built in memory first: a page of a thousand invoices streams out as it is written.</remarks>
internal static class JsonResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    // The service sends currency symbols (€, £, ¥) as UTF-8, not as \u escapes.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Pages are the hot path and their writer is covered by tests that parse every page, so they skip
    // the writer's structural checks; everything else keeps them.
    private static readonly JsonWriterOptions PageWriterOptions = WriterOptions with { SkipValidation = true };

    public static Utf8JsonWriter Start(HttpResponse response, int statusCode, bool isPage = false)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        return new Utf8JsonWriter(response.BodyWriter, isPage ? PageWriterOptions : WriterOptions);
    }

    /// <summary>Starts a page written into <paramref name="buffer"/> instead of the response, to be sent by the caller.</summary>
    public static Utf8JsonWriter StartBuffered(HttpResponse response, System.Buffers.IBufferWriter<byte> buffer)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        return new Utf8JsonWriter(buffer, PageWriterOptions);
    }

    public static async Task FinishAsync(HttpResponse response, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        await using (writer.ConfigureAwait(false))
        {
            writer.Flush();
        }
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
