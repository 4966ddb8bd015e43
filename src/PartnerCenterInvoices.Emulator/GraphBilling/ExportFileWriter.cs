using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes one blob of an export: lines [first, end) as gzip-compressed JSON Lines, straight to a file.</summary>
/// <remarks>
/// Measured trade-offs: each line is written by a <see cref="Utf8JsonWriter"/> into a pooled buffer that goes to
/// the <see cref="GZipStream"/> about every 64 KB (no string per line, no file in memory); gzip at
/// <see cref="CompressionLevel.Fastest"/>, because compression, not JSON, is most of the cost. The writer is
/// reset after each line, since JSON Lines is many top-level values and a writer otherwise puts commas between them.
/// </remarks>
internal static class ExportFileWriter
{
    private const int FlushThreshold = 64 * 1024;
    private static readonly JsonWriterOptions Options = JsonResponse.WriterOptions with { SkipValidation = true };

    public static void Write(string path, IExportLineWriter lines, IReadOnlyList<(JsonEncodedText Name, JsonEncodedText Value)> extraFields,
        long first, long end, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
        {
            var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
            using var writer = new Utf8JsonWriter(buffer, Options);
            for (var line = first; line < end; line++)
            {
                lines.Write(writer, line);
                foreach (var (name, value) in extraFields) writer.WriteString(name, value);
                writer.WriteEndObject();
                writer.Flush();
                writer.Reset();
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
                if (buffer.WrittenCount >= FlushThreshold)
                {
                    gzip.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            gzip.Write(buffer.WrittenSpan);
        }
        file.Flush();
    }
}
