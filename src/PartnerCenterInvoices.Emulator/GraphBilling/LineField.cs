using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>One documented field of an export line: its name as the service spells it, and whether the basic set has it.</summary>
internal readonly record struct LineField(JsonEncodedText Name, bool Basic)
{
    public static LineField Full(string name) => new(JsonEncodedText.Encode(name), false);
    public static LineField InBasic(string name) => new(JsonEncodedText.Encode(name), true);

    /// <summary>The positions (into <paramref name="fields"/>) a line of <paramref name="set"/> writes, in the documented order.</summary>
    public static int[] Select(IReadOnlyList<LineField> fields, AttributeSet set) =>
        [.. Enumerable.Range(0, fields.Count).Where(i => set == AttributeSet.Full || fields[i].Basic)];
}
