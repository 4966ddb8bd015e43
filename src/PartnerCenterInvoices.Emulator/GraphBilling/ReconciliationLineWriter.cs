using System.Buffers.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes line <c>n</c> of a reconciliation export (billed or unbilled) as a pure function of the export and <c>n</c>.</summary>
/// <remarks>
/// The 47 documented fields (35 for the basic set), in the documented order and spelling. Money adds up the way
/// a reader checks it: <c>Subtotal = UnitPrice × Quantity</c>, <c>Total = Subtotal + TaxTotal</c>, exact to the
/// currency's minor unit. <c>Quantity</c> is written as a JSON string ("3"), as some real files have it, so readers
/// must take numbers in either form; <c>BillableQuantity</c> is a number.
/// </remarks>
internal sealed class ReconciliationLineWriter : IExportLineWriter
{
    public static readonly LineField[] Fields =
    [
        LineField.InBasic("PartnerId"), LineField.InBasic("CustomerId"), LineField.InBasic("CustomerName"), LineField.Full("CustomerDomainName"),
        LineField.Full("CustomerCountry"), LineField.InBasic("InvoiceNumber"), LineField.Full("MpnId"), LineField.InBasic("Tier2MpnId"),
        LineField.InBasic("OrderId"), LineField.InBasic("OrderDate"), LineField.InBasic("ProductId"), LineField.InBasic("SkuId"),
        LineField.InBasic("AvailabilityId"), LineField.InBasic("SkuName"), LineField.InBasic("ProductName"), LineField.InBasic("ChargeType"),
        LineField.InBasic("UnitPrice"), LineField.Full("Quantity"), LineField.InBasic("Subtotal"), LineField.InBasic("TaxTotal"),
        LineField.InBasic("Total"), LineField.InBasic("Currency"), LineField.InBasic("PriceAdjustmentDescription"), LineField.InBasic("PublisherName"),
        LineField.Full("PublisherId"), LineField.Full("SubscriptionDescription"), LineField.InBasic("SubscriptionId"), LineField.InBasic("ChargeStartDate"),
        LineField.InBasic("ChargeEndDate"), LineField.InBasic("TermAndBillingCycle"), LineField.InBasic("EffectiveUnitPrice"), LineField.Full("UnitType"),
        LineField.Full("AlternateId"), LineField.InBasic("BillableQuantity"), LineField.Full("BillingFrequency"), LineField.InBasic("PricingCurrency"),
        LineField.InBasic("PCToBCExchangeRate"), LineField.Full("PCToBCExchangeRateDate"), LineField.Full("MeterDescription"),
        LineField.InBasic("ReservationOrderId"), LineField.InBasic("CreditReasonCode"), LineField.InBasic("SubscriptionStartDate"),
        LineField.InBasic("SubscriptionEndDate"), LineField.InBasic("ReferenceId"), LineField.Full("ProductQualifiers"), LineField.InBasic("PromotionId"),
        LineField.InBasic("ProductCategory"),
    ];

    private sealed record Product(JsonEncodedText ProductId, JsonEncodedText SkuId, JsonEncodedText AvailabilityId, JsonEncodedText SkuName,
        JsonEncodedText ProductName, JsonEncodedText PublisherName, JsonEncodedText PublisherId, long Cents, JsonEncodedText Category,
        JsonEncodedText UnitType, JsonEncodedText MeterDescription, bool IsReservation);

    private static readonly Product[] Products =
    [
        .. LineItemCatalog.OneTimeProducts.Select((p, i) => new Product(p.ProductId, p.SkuId, Text($"CFQ7TTC0{i:X4}"), p.SkuName, p.Name,
            Text("Microsoft Corporation"), Text(""), p.Cents, Text(p.Cents >= 10_000 ? "Azure" : "OnlineServices"),
            Text(p.Cents >= 10_000 ? "1 Hour" : "Licenses"), Text(p.Cents >= 10_000 ? "Reserved VM Instance" : ""), p.Cents >= 70_000)),
        .. LineItemCatalog.MarketplaceProducts.Select((p, i) => new Product(Text($"DZH318Z0{i:X4}"), Text("0001"), Text($"DZH318Z0{i:X4}A"), p.Sku,
            p.Product, p.Publisher, p.PublisherId, p.Cents, Text("SaaS"), Text("Licenses"), Text(""), false)),
    ];

    private static readonly JsonEncodedText[] ChargeTypes = [Text("new"), Text("renew"), Text("cycleCharge"), Text("addQuantity"), Text("removeQuantity")];
    private static readonly JsonEncodedText[] Frequencies = [Text("Monthly"), Text("Annual"), Text("OneTime")];
    private static readonly JsonEncodedText[] Adjustments = [Text(""), Text(""), Text(""), Text("[\"15% Promotion discount\"]")];
    private static readonly JsonEncodedText[] SubscriptionDescriptions = [Text("=1+2 seats"), Text("-Dev tenant"), Text("+Trial conversion")];
    private static readonly JsonEncodedText Empty = Text("");
    private static readonly JsonEncodedText PricingCurrencyUsd = Text("USD");
    private static readonly JsonEncodedText ProductQualifiers = Text("[]");

    private readonly ExportScope _scope;
    private readonly ExportCustomers _customers;
    private readonly ExportCalendar _calendar;
    private readonly Guid _partnerId;
    private readonly JsonEncodedText _invoiceNumber, _currency, _country, _mpnId, _tier2MpnId;
    private readonly decimal _exchangeRate;
    private readonly int _taxPercent;
    private readonly int[] _fields;

    public ReconciliationLineWriter(ExportScope scope, ExportCustomers customers, Guid partnerId, long seed)
    {
        _scope = scope;
        _customers = customers;
        _calendar = new ExportCalendar(scope.MonthStart);
        _partnerId = partnerId;
        _invoiceNumber = Text(scope.InvoiceNumber);
        _currency = scope.Currency.Code;
        _country = Text(scope.Currency.Country);
        _mpnId = Text((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed) % 8_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _tier2MpnId = Text((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed + 1) % 8_999_999)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _exchangeRate = ExchangeRate(scope.Currency);
        _taxPercent = TaxPercent(scope.Currency.Country);
        _fields = LineField.Select(Fields, scope.AttributeSet);
    }

    public void Write(Utf8JsonWriter writer, long line)
    {
        var key = _scope.Key;
        var h1 = InvoiceGenerator.Mix(key + (ulong)line * 0x9E37_79B9_7F4A_7C15UL);
        var h2 = InvoiceGenerator.Mix(h1 ^ 0xD1B5_4A32_D192_ED03UL);
        var customer = (int)(h1 % (ulong)_customers.Count);
        var product = Products[(int)((h1 >> 20) % (ulong)Products.Length)];
        var productIndex = (int)((h1 >> 20) % (ulong)Products.Length);
        long quantity = 1 + (long)((h1 >> 32) % 50);
        var currency = _scope.Currency;
        var unitMinor = Math.Max(1, product.Cents * currency.UnitsPerHundredCents / 100);
        var subtotalMinor = unitMinor * quantity;
        var taxMinor = subtotalMinor * _taxPercent / 100;
        var subscriptionMonth = (int)((h2 >> 16) % ExportCalendar.SubscriptionMonths);
        var chargeType = ChargeTypes[(int)(h2 % (ulong)ChargeTypes.Length)];

        Span<byte> digits = stackalloc byte[20];
        Span<char> alternate = stackalloc char[12];
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            var name = Fields[field].Name;
            switch (field)
            {
                case 0: writer.WriteString(name, _partnerId); break;
                case 1: writer.WriteString(name, _customers.Ids[customer]); break;
                case 2: writer.WriteString(name, _customers.Names[customer]); break;
                case 3: writer.WriteString(name, _customers.Domains[customer]); break;
                case 4: writer.WriteString(name, _country); break;
                case 5: writer.WriteString(name, _invoiceNumber); break;
                case 6: writer.WriteString(name, _mpnId); break;
                case 7: writer.WriteString(name, (h2 & 3) == 0 ? _tier2MpnId : Empty); break;
                case 8: writer.WriteString(name, ExportCustomers.GuidFrom(key ^ 0x0DE2UL, (ulong)(customer * 64 + productIndex))); break;
                case 9: writer.WriteString(name, _calendar.SubscriptionStarts[subscriptionMonth]); break;
                case 10: writer.WriteString(name, product.ProductId); break;
                case 11: writer.WriteString(name, product.SkuId); break;
                case 12: writer.WriteString(name, product.AvailabilityId); break;
                case 13: writer.WriteString(name, product.SkuName); break;
                case 14: writer.WriteString(name, product.ProductName); break;
                case 15: writer.WriteString(name, chargeType); break;
                case 16 or 30: writer.WriteNumber(name, currency.FromMinorUnits(unitMinor)); break;
                case 17:
                    Utf8Formatter.TryFormat(quantity, digits, out var length);
                    writer.WriteString(name, digits[..length]);
                    break;
                case 18: writer.WriteNumber(name, currency.FromMinorUnits(subtotalMinor)); break;
                case 19: writer.WriteNumber(name, currency.FromMinorUnits(taxMinor)); break;
                case 20: writer.WriteNumber(name, currency.FromMinorUnits(subtotalMinor + taxMinor)); break;
                case 21: writer.WriteString(name, _currency); break;
                case 22: writer.WriteString(name, Adjustments[(int)((h2 >> 8) % (ulong)Adjustments.Length)]); break;
                case 23: writer.WriteString(name, product.PublisherName); break;
                case 24: writer.WriteString(name, product.PublisherId); break;
                case 25:
                    // Mostly the product's name; now and then a name a spreadsheet would read as a formula.
                    writer.WriteString(name, (h2 >> 40) % 16 == 0 ? SubscriptionDescriptions[(int)((h2 >> 44) % 3)] : product.ProductName);
                    break;
                case 26: writer.WriteString(name, ExportCustomers.GuidFrom(key ^ 0x5B5CUL, (ulong)(customer * 64 + productIndex))); break;
                case 27: writer.WriteString(name, _calendar.MonthStartUtc); break;
                case 28: writer.WriteString(name, _calendar.MonthEndUtc); break;
                case 29: writer.WriteString(name, LineItemCatalog.TermsAndCycles[(int)((h2 >> 24) % (ulong)LineItemCatalog.TermsAndCycles.Length)]); break;
                case 31: writer.WriteString(name, product.UnitType); break;
                case 32:
                    ((h2 >> 8) & 0xFFFF_FFFF_FFFFUL).TryFormat(alternate, out _, "x12", System.Globalization.CultureInfo.InvariantCulture);
                    writer.WriteString(name, alternate);
                    break;
                case 33: writer.WriteNumber(name, quantity); break;
                case 34: writer.WriteString(name, Frequencies[(int)((h2 >> 28) % (ulong)Frequencies.Length)]); break;
                case 35: writer.WriteString(name, PricingCurrencyUsd); break;
                case 36: writer.WriteNumber(name, _exchangeRate); break;
                case 37: writer.WriteString(name, _calendar.MonthStartPlain); break;
                case 38: writer.WriteString(name, product.MeterDescription); break;
                case 39:
                    if (product.IsReservation) writer.WriteString(name, ExportCustomers.GuidFrom(key ^ 0x2E5EUL, (ulong)customer));
                    else writer.WriteString(name, Empty);
                    break;
                case 40: writer.WriteString(name, Empty); break;
                case 41: writer.WriteString(name, _calendar.SubscriptionStarts[subscriptionMonth]); break;
                case 42: writer.WriteString(name, _calendar.SubscriptionEnds[subscriptionMonth]); break;
                case 43: writer.WriteString(name, ExportCustomers.GuidFrom(key ^ 0x4EF0UL, (ulong)line)); break;
                case 44: writer.WriteString(name, ProductQualifiers); break;
                case 45: writer.WriteString(name, Empty); break;
                case 46: writer.WriteString(name, product.Category); break;
            }
        }
    }

    /// <summary>Units of the billing currency per US dollar, the pricing currency.</summary>
    public static decimal ExchangeRate(Currency currency) => currency.Decimals == 0 ? currency.UnitsPerHundredCents : currency.UnitsPerHundredCents / 100m;

    public static int TaxPercent(string country) => country switch
    {
        "DE" => 19,
        "GB" => 20,
        "JP" => 10,
        "CH" => 8,
        "DK" => 25,
        _ => 0,
    };

    private static JsonEncodedText Text(string text) => JsonEncodedText.Encode(text, JsonResponse.WriterOptions.Encoder);
}
