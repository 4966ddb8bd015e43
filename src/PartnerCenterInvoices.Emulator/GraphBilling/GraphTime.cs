using System.Globalization;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Graph's timestamps: ISO 8601 in UTC with seven fraction digits and <c>Z</c>.</summary>
internal static class GraphTime
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
