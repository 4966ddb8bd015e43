using System.Text;
using System.Text.RegularExpressions;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Checks that bytes are a well-formed PDF: header, trailer, and a cross-reference table whose offsets are right.</summary>
public static partial class PdfAssert
{
    public static string IsValid(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-1.", text);
        Assert.EndsWith("%%EOF\n", text);

        var startxref = StartXref().Match(text);
        Assert.True(startxref.Success, "no startxref");
        var xrefAt = int.Parse(startxref.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("xref\n", text.Substring(xrefAt, 5));

        var header = XrefHeader().Match(text, xrefAt);
        Assert.True(header.Success && header.Index == xrefAt, "no xref subsection header");
        var count = int.Parse(header.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var entriesAt = xrefAt + header.Length;
        for (var i = 0; i < count; i++)
        {
            // Every entry is exactly 20 bytes.
            var entry = text.Substring(entriesAt + i * 20, 20);
            Assert.Matches(@"^\d{10} \d{5} [nf] \n$", entry);
            if (entry[17] != 'n') continue;
            var offset = int.Parse(entry[..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{i} 0 obj", text[offset..]);
        }
        Assert.Contains("trailer", text[(entriesAt + count * 20)..]);
        Assert.Contains($"/Size {count}", text);
        Assert.Contains("/Type /Page ", text);
        return text;
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"xref\n(\d+) (\d+)\n")]
    private static partial Regex XrefHeader();
}
