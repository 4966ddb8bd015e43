using System.Globalization;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Reads an invoice id back into the (index, amendment) it was made from, so a read by id costs O(1).</summary>
/// <remarks>
/// Ids are "D" (Recurring) or "G" (OneTime) and 9 digits, the index plus one (see <see cref="InvoiceJsonWriter.FormatId"/>);
/// an amendment adds "-A1" or "-A2". The letter is read in any case. An id is known only if it is exactly one
/// the list would show: in range, with the letter of its type, and an amendment its parent has.
/// </remarks>
internal static class InvoiceId
{
    private const int Digits = 9;

    public static bool TryFind(string id, InvoiceGenerator generator, long invoiceCount, out Invoice invoice)
    {
        invoice = default;
        if (id.Length < 1 + Digits) return false;
        var type = char.ToUpperInvariant(id[0]) switch
        {
            'D' => InvoiceType.Recurring,
            'G' => InvoiceType.OneTime,
            _ => (InvoiceType?)null,
        };
        if (type is null) return false;
        if (!long.TryParse(id.AsSpan(1, Digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;

        var amendment = 0;
        var rest = id.AsSpan(1 + Digits);
        if (rest.Length > 0)
        {
            if (rest.Length != 3 || !rest.StartsWith("-A", StringComparison.OrdinalIgnoreCase) || rest[2] is < '1' or > '9') return false;
            amendment = rest[2] - '0';
        }

        var index = number - 1;
        if (index < 0 || index >= invoiceCount || generator.TypeOf(index) != type) return false;
        invoice = generator.Generate(index);
        if (amendment == 0) return true;
        if (amendment > invoice.AmendmentCount) return false;
        invoice = generator.GenerateAmendment(invoice, amendment);
        return true;
    }
}
