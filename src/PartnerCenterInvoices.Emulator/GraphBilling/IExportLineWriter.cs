using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes one export line's fields into an open JSON object; the caller ends the object (it may add fields of its own).</summary>
internal interface IExportLineWriter
{
    /// <summary>Starts the object and writes line <paramref name="line"/>'s documented fields, a pure function of the export and the line.</summary>
    void Write(Utf8JsonWriter writer, long line);
}
