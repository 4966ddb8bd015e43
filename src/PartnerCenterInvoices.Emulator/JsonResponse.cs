using System.Text.Encodings.Web;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator;

/// <summary>Starts and finishes a JSON response written straight into Kestrel's response pipe.</summary>
/// <remarks>No response is built in memory first: a page of a thousand invoices streams out as it is written.</remarks>
internal static class JsonResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    // The service sends currency symbols (€, £, ¥) as UTF-8, not as \u escapes.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Utf8JsonWriter Start(HttpResponse response, int statusCode)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        return new Utf8JsonWriter(response.BodyWriter, WriterOptions);
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
