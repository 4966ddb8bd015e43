using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>An invoice currency: its code, symbol, minor-unit digits and a rough rate against US cents.</summary>
internal sealed class Currency
{
    private Currency(string code, string symbol, byte decimals, int unitsPerHundredCents, int share)
    {
        Code = JsonEncodedText.Encode(code, JsonResponse.WriterOptions.Encoder);
        Symbol = JsonEncodedText.Encode(symbol, JsonResponse.WriterOptions.Encoder);
        CodeText = code;
        Decimals = decimals;
        UnitsPerHundredCents = unitsPerHundredCents;
        Share = share;
    }

    public string CodeText { get; }

    /// <summary>A customer country that bills in this currency, for line items.</summary>
    public string Country => CodeText switch
    {
        "EUR" => "DE",
        "GBP" => "GB",
        "JPY" => "JP",
        "CHF" => "CH",
        "DKK" => "DK",
        _ => "US",
    };
    public JsonEncodedText Code { get; }
    public JsonEncodedText Symbol { get; }

    /// <summary>Digits after the decimal point: 2, or 0 for yen.</summary>
    public byte Decimals { get; }

    /// <summary>Minor units of this currency worth one US dollar (100 cents), so amounts look plausible in each.</summary>
    public int UnitsPerHundredCents { get; }

    /// <summary>Percent of invoices in this currency; the shares add up to 100.</summary>
    public int Share { get; }

    public static IReadOnlyList<Currency> All { get; } =
    [
        new("USD", "$", 2, 100, 40),
        new("EUR", "€", 2, 92, 20),
        new("GBP", "£", 2, 79, 15),
        new("JPY", "¥", 0, 150, 10),
        new("CHF", "CHF", 2, 88, 8),
        new("DKK", "kr", 2, 685, 7),
    ];

    /// <summary>The currency for a roll of 0..99, by share.</summary>
    public static Currency Pick(int percentile)
    {
        foreach (var currency in All)
        {
            if (percentile < currency.Share) return currency;
            percentile -= currency.Share;
        }
        return All[0];
    }

    /// <summary>An amount in this currency from an amount in US cents, exact to the currency's minor unit.</summary>
    public decimal FromCents(long cents) => FromMinorUnits(cents * UnitsPerHundredCents / 100);

    /// <summary>An amount of this currency's minor units (cents, or yen) as the decimal the JSON shows.</summary>
    public decimal FromMinorUnits(long minorUnits)
    {
        var magnitude = Math.Abs(minorUnits);
        return new decimal((int)(magnitude & 0xFFFFFFFF), (int)(magnitude >> 32), 0, minorUnits < 0, Decimals);
    }

    /// <summary>An amount made by this currency back into whole minor units, so line items can split it exactly.</summary>
    public long ToMinorUnits(decimal amount) => (long)(Decimals == 0 ? amount : amount * 100m);
}
