using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes line <c>n</c> of a daily-rated usage export (billed or unbilled) as a pure function of the export and <c>n</c>.</summary>
/// <remarks>
/// The 54 documented fields (30 for the basic set), in the documented order and spelling. Prices are in the
/// pricing currency (USD) with 6 decimals: <c>PricingPreTaxTotal = EffectiveUnitPrice × Quantity</c> and
/// <c>BillingPreTaxTotal = PricingPreTaxTotal × PCToBCExchangeRate</c>, each rounded to 6 decimals.
/// <c>UsageDate</c> is a day of the billing month without an offset.
/// </remarks>
internal sealed class UsageLineWriter : IExportLineWriter
{
    public static readonly LineField[] Fields =
    [
        LineField.InBasic("AdditionalInfo"), LineField.Full("AvailabilityId"), LineField.Full("BenefitID"), LineField.InBasic("BenefitOrderID"),
        LineField.InBasic("BenefitType"), LineField.InBasic("BillingCurrency"), LineField.InBasic("BillingPreTaxTotal"), LineField.InBasic("ChargeEndDate"),
        LineField.InBasic("ChargeStartDate"), LineField.InBasic("ChargeType"), LineField.Full("ConsumedService"), LineField.InBasic("CreditPercentage"),
        LineField.InBasic("CreditType"), LineField.Full("CustomerCountry"), LineField.Full("CustomerDomainName"), LineField.InBasic("CustomerId"),
        LineField.InBasic("CustomerName"), LineField.InBasic("EffectiveUnitPrice"), LineField.Full("EntitlementDescription"), LineField.InBasic("EntitlementId"),
        LineField.InBasic("InvoiceNumber"), LineField.Full("MeterCategory"), LineField.Full("MeterId"), LineField.Full("MeterName"),
        LineField.Full("MeterRegion"), LineField.Full("MeterSubCategory"), LineField.Full("MeterType"), LineField.Full("MpnId"),
        LineField.Full("PartnerEarnedCreditPercentage"), LineField.InBasic("PartnerId"), LineField.InBasic("PartnerName"), LineField.InBasic("PCToBCExchangeRate"),
        LineField.InBasic("PricingCurrency"), LineField.InBasic("PricingPreTaxTotal"), LineField.InBasic("ProductId"), LineField.Full("ProductName"),
        LineField.Full("PublisherId"), LineField.InBasic("PublisherName"), LineField.InBasic("Quantity"), LineField.Full("ResourceGroup"),
        LineField.Full("ResourceLocation"), LineField.InBasic("ResourceURI"), LineField.Full("ServiceInfo1"), LineField.Full("ServiceInfo2"),
        LineField.InBasic("SkuId"), LineField.InBasic("SkuName"), LineField.Full("SubscriptionDescription"), LineField.InBasic("SubscriptionId"),
        LineField.Full("Tags"), LineField.Full("Tier2MpnId"), LineField.Full("Unit"), LineField.InBasic("UnitPrice"),
        LineField.InBasic("UnitType"), LineField.InBasic("UsageDate"),
    ];

    // US micro-dollars a unit, by LineItemCatalog.AzureServices position.
    private static readonly long[] UnitPriceMicros = [96_000, 45_000, 75_000, 49_000, 87_000, 100_000, 30_000, 2_760_000];

    private static readonly JsonEncodedText Empty = Text("");
    private static readonly JsonEncodedText Usd = Text("USD");
    private static readonly JsonEncodedText AzurePlan = Text("Azure plan");
    private static readonly JsonEncodedText AzurePlanProductId = Text("DZH318Z0BPS6");
    private static readonly JsonEncodedText AzurePlanSkuId = Text("0001");
    private static readonly JsonEncodedText AzurePlanAvailabilityId = Text("DZH318Z0BPS6:0001");
    private static readonly JsonEncodedText Microsoft = Text("Microsoft");
    private static readonly JsonEncodedText ChargeType = Text("new");
    private static readonly JsonEncodedText MeterType = Text("Consumption");
    private static readonly JsonEncodedText PartnerName = Text("Contoso Partner Ltd");
    private static readonly JsonEncodedText[] Tags = [Text(""), Text("{\"env\":\"prod\"}"), Text("{\"costcenter\":\"1234\",\"env\":\"dev\"}")];
    private static readonly JsonEncodedText[] AdditionalInfos = [Text(""), Text("{\"ImageType\":\"Canonical\",\"ServiceType\":\"Standard_D2s_v3\"}")];
    private static readonly JsonEncodedText[] SubscriptionDescriptions = [Text("=Azure plan"), Text("-Azure plan (dev)"), Text("+Azure plan")];
    private static readonly string[] ResourceGroups = [.. LineItemCatalog.ResourceGroups.Select(g => g.Value)];

    private readonly ExportScope _scope;
    private readonly ExportCustomers _customers;
    private readonly ExportCalendar _calendar;
    private readonly Guid _partnerId;
    private readonly JsonEncodedText _invoiceNumber, _currency, _country, _mpnId, _tier2MpnId;
    private readonly decimal _exchangeRate;
    private readonly int[] _fields;

    public UsageLineWriter(ExportScope scope, ExportCustomers customers, Guid partnerId, long seed)
    {
        _scope = scope;
        _customers = customers;
        _calendar = new ExportCalendar(scope.MonthStart);
        _partnerId = partnerId;
        _invoiceNumber = Text(scope.InvoiceNumber);
        _currency = scope.Currency.Code;
        _country = Text(scope.Currency.Country);
        _mpnId = Text((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed) % 8_999_999)).ToString(CultureInfo.InvariantCulture));
        _tier2MpnId = Text((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed + 1) % 8_999_999)).ToString(CultureInfo.InvariantCulture));
        _exchangeRate = ReconciliationLineWriter.ExchangeRate(scope.Currency);
        _fields = LineField.Select(Fields, scope.AttributeSet);
    }

    public void Write(Utf8JsonWriter writer, long line)
    {
        var key = _scope.Key;
        var h1 = InvoiceGenerator.Mix(key + (ulong)line * 0x9E37_79B9_7F4A_7C15UL);
        var h2 = InvoiceGenerator.Mix(h1 ^ 0xD1B5_4A32_D192_ED03UL);
        var customer = (int)(h1 % (ulong)_customers.Count);
        var serviceIndex = (int)((h1 >> 20) % (ulong)LineItemCatalog.AzureServices.Length);
        var service = LineItemCatalog.AzureServices[serviceIndex];
        var regionIndex = (int)((h1 >> 28) % (ulong)LineItemCatalog.Regions.Length);
        var region = LineItemCatalog.Regions[regionIndex];
        var subscription = ExportCustomers.GuidFrom(key ^ 0x5B5CUL, (ulong)(customer * 2 + (int)(h2 & 1)));
        var hasPartnerEarnedCredit = (h2 >> 4 & 3) != 0;
        var unitPrice = Micros(UnitPriceMicros[serviceIndex]);
        var effectiveUnitPrice = hasPartnerEarnedCredit ? Math.Round(unitPrice * 0.85m, 6) : unitPrice;
        var quantity = Micros(1 + (long)((h1 >> 36) % 24_000_000));
        var pricingTotal = Math.Round(effectiveUnitPrice * quantity, 6);
        var day = (int)((h2 >> 8) % (ulong)_calendar.DaysPlain.Length);

        Span<char> uri = stackalloc char[256];
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            var name = Fields[field].Name;
            switch (field)
            {
                case 0: writer.WriteString(name, AdditionalInfos[serviceIndex == 0 ? 1 : 0]); break;
                case 1: writer.WriteString(name, AzurePlanAvailabilityId); break;
                case 2 or 3 or 4 or 12 or 42 or 43: writer.WriteString(name, Empty); break;
                case 5: writer.WriteString(name, _currency); break;
                case 6: writer.WriteNumber(name, Math.Round(pricingTotal * _exchangeRate, 6)); break;
                case 7: writer.WriteString(name, _calendar.MonthEndUtc); break;
                case 8: writer.WriteString(name, _calendar.MonthStartUtc); break;
                case 9: writer.WriteString(name, ChargeType); break;
                case 10: writer.WriteString(name, service.ConsumedService); break;
                case 11: writer.WriteNumber(name, 0); break;
                case 13: writer.WriteString(name, _country); break;
                case 14: writer.WriteString(name, _customers.Domains[customer]); break;
                case 15: writer.WriteString(name, _customers.Ids[customer]); break;
                case 16: writer.WriteString(name, _customers.Names[customer]); break;
                case 17: writer.WriteNumber(name, effectiveUnitPrice); break;
                case 18 or 35 or 45: writer.WriteString(name, AzurePlan); break;
                case 19 or 47: writer.WriteString(name, subscription); break;
                case 20: writer.WriteString(name, _invoiceNumber); break;
                case 21: writer.WriteString(name, service.Service); break;
                case 22: writer.WriteString(name, ExportCustomers.GuidFrom(0x3E7E_2000UL, (ulong)(serviceIndex * 16 + regionIndex))); break;
                case 23: writer.WriteString(name, service.Resource); break;
                case 24: writer.WriteString(name, region.Name); break;
                case 25: writer.WriteString(name, service.Type); break;
                case 26: writer.WriteString(name, MeterType); break;
                case 27: writer.WriteString(name, _mpnId); break;
                case 28: writer.WriteNumber(name, hasPartnerEarnedCredit ? 15 : 0); break;
                case 29: writer.WriteString(name, _partnerId); break;
                case 30: writer.WriteString(name, PartnerName); break;
                case 31: writer.WriteNumber(name, _exchangeRate); break;
                case 32: writer.WriteString(name, Usd); break;
                case 33: writer.WriteNumber(name, pricingTotal); break;
                case 34: writer.WriteString(name, AzurePlanProductId); break;
                case 36: writer.WriteString(name, Empty); break;
                case 37: writer.WriteString(name, Microsoft); break;
                case 38: writer.WriteNumber(name, quantity); break;
                case 39: writer.WriteString(name, ResourceGroups[(int)((h2 >> 12) % (ulong)ResourceGroups.Length)]); break;
                case 40: writer.WriteString(name, region.Location); break;
                case 41:
                    uri.TryWrite(CultureInfo.InvariantCulture,
                        $"/subscriptions/{subscription}/resourceGroups/{ResourceGroups[(int)((h2 >> 12) % (ulong)ResourceGroups.Length)]}/providers/{service.ConsumedService.Value}/resources/res-{(h2 >> 16) % 100}",
                        out var written);
                    writer.WriteString(name, uri[..written]);
                    break;
                case 44: writer.WriteString(name, AzurePlanSkuId); break;
                case 46:
                    writer.WriteString(name, (h2 >> 40) % 16 == 0 ? SubscriptionDescriptions[(int)((h2 >> 44) % 3)] : AzurePlan);
                    break;
                case 48: writer.WriteString(name, Tags[(int)((h2 >> 24) % (ulong)Tags.Length)]); break;
                case 49: writer.WriteString(name, (h2 & 0x30) == 0 ? _tier2MpnId : Empty); break;
                case 50 or 52: writer.WriteString(name, service.Unit); break;
                case 51: writer.WriteNumber(name, unitPrice); break;
                case 53: writer.WriteString(name, _calendar.DaysPlain[day]); break;
            }
        }
    }

    // An amount in millionths, as a decimal that keeps its 6 places.
    private static decimal Micros(long micros) => new((int)(micros & 0xFFFFFFFF), (int)(micros >> 32), 0, micros < 0, 6);

    private static JsonEncodedText Text(string text) => JsonEncodedText.Encode(text, JsonResponse.WriterOptions.Encoder);
}
