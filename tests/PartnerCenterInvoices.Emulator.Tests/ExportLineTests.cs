using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>What the export lines hold: exactly the documented fields of each attribute set, in order, with consistent values.</summary>
[Collection(GraphEmulatorCollection.Name)]
public sealed class ExportLineTests(GraphEmulatorFixture fixture)
{
    // The attribute tables of learn.microsoft.com/graph/api/resources/partners-billing-attributeset (2025-07-15), in their order.
    private static readonly string[] ReconciliationFull =
    [
        "PartnerId", "CustomerId", "CustomerName", "CustomerDomainName", "CustomerCountry", "InvoiceNumber", "MpnId", "Tier2MpnId", "OrderId",
        "OrderDate", "ProductId", "SkuId", "AvailabilityId", "SkuName", "ProductName", "ChargeType", "UnitPrice", "Quantity", "Subtotal",
        "TaxTotal", "Total", "Currency", "PriceAdjustmentDescription", "PublisherName", "PublisherId", "SubscriptionDescription",
        "SubscriptionId", "ChargeStartDate", "ChargeEndDate", "TermAndBillingCycle", "EffectiveUnitPrice", "UnitType", "AlternateId",
        "BillableQuantity", "BillingFrequency", "PricingCurrency", "PCToBCExchangeRate", "PCToBCExchangeRateDate", "MeterDescription",
        "ReservationOrderId", "CreditReasonCode", "SubscriptionStartDate", "SubscriptionEndDate", "ReferenceId", "ProductQualifiers",
        "PromotionId", "ProductCategory",
    ];

    private static readonly string[] ReconciliationBasic =
    [
        "PartnerId", "CustomerId", "CustomerName", "InvoiceNumber", "Tier2MpnId", "OrderId", "OrderDate", "ProductId", "SkuId", "AvailabilityId",
        "SkuName", "ProductName", "ChargeType", "UnitPrice", "Subtotal", "TaxTotal", "Total", "Currency", "PriceAdjustmentDescription",
        "PublisherName", "SubscriptionId", "ChargeStartDate", "ChargeEndDate", "TermAndBillingCycle", "EffectiveUnitPrice", "BillableQuantity",
        "PricingCurrency", "PCToBCExchangeRate", "ReservationOrderId", "CreditReasonCode", "SubscriptionStartDate", "SubscriptionEndDate",
        "ReferenceId", "PromotionId", "ProductCategory",
    ];

    private static readonly string[] UsageFull =
    [
        "AdditionalInfo", "AvailabilityId", "BenefitID", "BenefitOrderID", "BenefitType", "BillingCurrency", "BillingPreTaxTotal",
        "ChargeEndDate", "ChargeStartDate", "ChargeType", "ConsumedService", "CreditPercentage", "CreditType", "CustomerCountry",
        "CustomerDomainName", "CustomerId", "CustomerName", "EffectiveUnitPrice", "EntitlementDescription", "EntitlementId", "InvoiceNumber",
        "MeterCategory", "MeterId", "MeterName", "MeterRegion", "MeterSubCategory", "MeterType", "MpnId", "PartnerEarnedCreditPercentage",
        "PartnerId", "PartnerName", "PCToBCExchangeRate", "PricingCurrency", "PricingPreTaxTotal", "ProductId", "ProductName", "PublisherId",
        "PublisherName", "Quantity", "ResourceGroup", "ResourceLocation", "ResourceURI", "ServiceInfo1", "ServiceInfo2", "SkuId", "SkuName",
        "SubscriptionDescription", "SubscriptionId", "Tags", "Tier2MpnId", "Unit", "UnitPrice", "UnitType", "UsageDate",
    ];

    private static readonly string[] UsageBasic =
    [
        "AdditionalInfo", "BenefitOrderID", "BenefitType", "BillingCurrency", "BillingPreTaxTotal", "ChargeEndDate", "ChargeStartDate",
        "ChargeType", "CreditPercentage", "CreditType", "CustomerId", "CustomerName", "EffectiveUnitPrice", "EntitlementId", "InvoiceNumber",
        "PartnerId", "PartnerName", "PCToBCExchangeRate", "PricingCurrency", "PricingPreTaxTotal", "ProductId", "PublisherName", "Quantity",
        "ResourceURI", "SkuId", "SkuName", "SubscriptionId", "UnitPrice", "UnitType", "UsageDate",
    ];

    private EmulatorProcess Emulator => fixture.Emulator;

    private async Task<List<JsonElement>> LinesAsync(string path, string body) =>
        await GraphExports.AllLinesAsync(Emulator, await GraphExports.ExportAsync(Emulator, fixture.GraphToken, path, body));

    [Theory]
    [InlineData("reconciliation", "full", 47)]
    [InlineData("reconciliation", "basic", 35)]
    [InlineData("usage", "full", 54)]
    [InlineData("usage", "basic", 30)]
    public async Task Every_line_has_exactly_the_documented_fields_of_its_attribute_set_in_order(string area, string set, int count)
    {
        var expected = (area, set) switch
        {
            ("reconciliation", "full") => ReconciliationFull,
            ("reconciliation", "basic") => ReconciliationBasic,
            ("usage", "full") => UsageFull,
            _ => UsageBasic,
        };
        Assert.Equal(count, expected.Length);
        var invoiceId = GraphExports.FirstInvoiceId(InvoiceType.OneTime);
        var lines = await LinesAsync($"v1.0/reports/partners/billing/{area}/billed/export", $$"""{"invoiceId":"{{invoiceId}}","attributeSet":"{{set}}"}""");
        Assert.Equal(GraphEmulatorFixture.Lines, lines.Count);
        Assert.All(lines, line => Assert.Equal(expected, line.EnumerateObject().Select(p => p.Name)));
        Assert.All(lines, line => Assert.Equal(invoiceId, line.GetProperty("InvoiceNumber").GetString()));
    }

    [Fact]
    public async Task Reconciliation_amounts_add_up_and_values_have_the_contracts_types()
    {
        var lines = await LinesAsync(GraphExports.UnbilledReconciliation, """{"currencyCode":"EUR","billingPeriod":"last"}""");
        foreach (var line in lines)
        {
            var unitPrice = line.GetProperty("UnitPrice").GetDecimal();
            var quantity = decimal.Parse(line.GetProperty("Quantity").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var subtotal = line.GetProperty("Subtotal").GetDecimal();
            Assert.Equal(unitPrice * quantity, subtotal);
            Assert.Equal(subtotal + line.GetProperty("TaxTotal").GetDecimal(), line.GetProperty("Total").GetDecimal());
            Assert.Equal(quantity, line.GetProperty("BillableQuantity").GetDecimal());
            Assert.Equal("EUR", line.GetProperty("Currency").GetString());
            Assert.Equal("", line.GetProperty("InvoiceNumber").GetString());
            Assert.Equal("2025-10-01T00:00:00Z", line.GetProperty("ChargeStartDate").GetString());
            Assert.Equal("2025-10-31T00:00:00Z", line.GetProperty("ChargeEndDate").GetString());
            Assert.Equal("2025-10-01T00:00:00", line.GetProperty("PCToBCExchangeRateDate").GetString());
            Assert.EndsWith("Z", line.GetProperty("SubscriptionStartDate").GetString());
            Assert.True(Guid.TryParse(line.GetProperty("CustomerId").GetString(), out _));
        }
        Assert.Contains(lines, l => l.GetProperty("CustomerName").GetString()![0] is '=' or '-' or '+'
            || l.GetProperty("SubscriptionDescription").GetString()![0] is '=' or '-' or '+');
    }

    [Fact]
    public async Task Usage_totals_follow_from_price_quantity_and_rate_and_usage_dates_have_no_offset()
    {
        var lines = await LinesAsync(GraphExports.UnbilledUsage, """{"currencyCode":"GBP","billingPeriod":"current"}""");
        foreach (var line in lines)
        {
            var pricing = line.GetProperty("PricingPreTaxTotal").GetDecimal();
            Assert.Equal(Math.Round(line.GetProperty("EffectiveUnitPrice").GetDecimal() * line.GetProperty("Quantity").GetDecimal(), 6), pricing);
            Assert.Equal(Math.Round(pricing * line.GetProperty("PCToBCExchangeRate").GetDecimal(), 6), line.GetProperty("BillingPreTaxTotal").GetDecimal());
            Assert.Matches("^2025-11-[0-3][0-9]T00:00:00$", line.GetProperty("UsageDate").GetString());
            Assert.Equal(JsonValueKind.String, line.GetProperty("Tags").ValueKind);
            Assert.Equal(JsonValueKind.String, line.GetProperty("AdditionalInfo").ValueKind);
            Assert.Equal("GBP", line.GetProperty("BillingCurrency").GetString());
        }
    }

    [Fact]
    public async Task Lines_are_split_evenly_over_the_blobs_in_order()
    {
        var manifest = await GraphExports.ExportAsync(Emulator, fixture.GraphToken, GraphExports.UnbilledUsage, """{"currencyCode":"USD","billingPeriod":"last"}""");
        var counts = new List<int>();
        foreach (var url in GraphExports.BlobUrls(manifest)) counts.Add(GraphExports.Lines(await GraphExports.DownloadAsync(Emulator, url)).Count);
        Assert.Equal([166, 167, 167], counts);
    }
}
