using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>The dates an export's lines use, encoded once per export so no line formats a date.</summary>
/// <remarks>
/// Charge, order and subscription dates carry <c>Z</c> (<c>2025-10-01T00:00:00Z</c>); <c>UsageDate</c> and
/// <c>PCToBCExchangeRateDate</c> carry no offset (<c>2025-10-03T00:00:00</c>), as the service writes them, which means UTC.
/// </remarks>
internal sealed class ExportCalendar
{
    public const int SubscriptionMonths = 12;

    public ExportCalendar(DateTime monthStart)
    {
        MonthStartUtc = Utc(monthStart);
        MonthEndUtc = Utc(monthStart.AddMonths(1).AddDays(-1));
        MonthStartPlain = Plain(monthStart);
        var days = DateTime.DaysInMonth(monthStart.Year, monthStart.Month);
        DaysPlain = [.. Enumerable.Range(0, days).Select(d => Plain(monthStart.AddDays(d)))];
        DaysUtc = [.. Enumerable.Range(0, days).Select(d => Utc(monthStart.AddDays(d)))];
        // Subscriptions started in one of the 12 months up to this one, on a day of that month, for a year.
        SubscriptionStarts = [.. Enumerable.Range(0, SubscriptionMonths).Select(m => Utc(monthStart.AddMonths(-m).AddDays(m % 28)))];
        SubscriptionEnds = [.. Enumerable.Range(0, SubscriptionMonths).Select(m => Utc(monthStart.AddMonths(-m).AddDays(m % 28).AddYears(1).AddDays(-1)))];
    }

    public JsonEncodedText MonthStartUtc { get; }
    public JsonEncodedText MonthEndUtc { get; }
    public JsonEncodedText MonthStartPlain { get; }
    public JsonEncodedText[] DaysPlain { get; }
    public JsonEncodedText[] DaysUtc { get; }
    public JsonEncodedText[] SubscriptionStarts { get; }
    public JsonEncodedText[] SubscriptionEnds { get; }

    private static JsonEncodedText Utc(DateTime date) => JsonEncodedText.Encode(date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    private static JsonEncodedText Plain(DateTime date) => JsonEncodedText.Encode(date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
}
