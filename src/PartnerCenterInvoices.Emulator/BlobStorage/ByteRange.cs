using System.Globalization;

namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>One byte range of a blob, from a <c>Range</c> or <c>x-ms-range</c> header: <c>bytes=N-</c>, <c>bytes=N-M</c> or <c>bytes=-K</c>.</summary>
internal readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    /// <summary>
    /// Reads the header against a blob of <paramref name="total"/> bytes: false without a (single, well-formed) range,
    /// which means the whole blob, as HTTP says; <paramref name="satisfiable"/> false for a range past the end.
    /// </summary>
    public static bool TryParse(string? header, long total, out ByteRange range, out bool satisfiable)
    {
        range = default;
        satisfiable = true;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return false;
        var spec = header[6..].Trim();
        if (spec.Contains(',')) return false;
        var dash = spec.IndexOf('-');
        if (dash < 0) return false;
        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        long first, last;
        if (firstText.Length == 0)
        {
            if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix)) return false;
            if (suffix == 0 || total == 0)
            {
                satisfiable = false;
                return true;
            }
            first = Math.Max(0, total - suffix);
            last = total - 1;
        }
        else
        {
            if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out first)) return false;
            if (lastText.Length == 0) last = total - 1;
            else if (!long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < first) return false;
            if (first >= total)
            {
                satisfiable = false;
                return true;
            }
            last = Math.Min(last, total - 1);
        }
        range = new ByteRange(first, last);
        return true;
    }
}
