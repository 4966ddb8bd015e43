using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Line items of the shared emulators' invoices (3 to 40 lines a detail): totals, shapes, paging and errors.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class LineItemTests(EmulatorFixture fixture)
{
    private static readonly string[] BaseFields = ["invoiceNumber", "billingProvider", "invoiceLineItemType", "partnerId", "customerId", "customerName", "currency", "attributes"];

    // The [JsonPropertyName]s of the module's models (src/PartnerCenterInvoices.Models/LineItems), beside the base fields.
    private static readonly Dictionary<string, string> ShapeFields = new()
    {
        ["LicenseBasedLineItem"] = "mpnId tier2MpnId orderId subscriptionId syndicationPartnerSubscriptionNumber offerId durableOfferId offerName domainName billingCycleType subscriptionName subscriptionDescription chargeStartDate chargeEndDate chargeType unitPrice quantity amount totalOtherDiscount subtotal tax totalForCustomer",
        ["UsageBasedLineItem"] = "partnerName partnerBillableAccountId customerCompanyName mpnId tier2MpnId subscriptionId subscriptionName subscriptionDescription orderId serviceName serviceType resourceGuid resourceName region sku detailLineItemId consumedQuantity includedQuantity overageQuantity listPrice pretaxCharges taxAmount postTaxTotal pretaxEffectiveRate postTaxEffectiveRate chargeStartDate chargeEndDate chargeType unit",
        ["OneTimeInvoiceLineItem"] = "customerDomainName customerCountry mpnId resellerMpnId orderId orderDate productId skuId availabilityId productName skuName chargeType unitPrice effectiveUnitPrice unitType quantity billableQuantity subtotal taxTotal totalForCustomer publisherName publisherId subscriptionDescription subscriptionId chargeStartDate chargeEndDate termAndBillingCycle billingFrequency alternateId priceAdjustmentDescription discountDetails pricingCurrency pcToBCExchangeRate pcToBCExchangeRateDate meterDescription reservationOrderId",
        ["DailyRatedUsageLineItem"] = "partnerName customerDomainName customerCountry mpnId resellerMpnId productId skuId availabilityId skuName productName publisherName publisherId subscriptionDescription subscriptionId chargeStartDate chargeEndDate usageDate meterType meterCategory meterId meterSubCategory meterName meterRegion unitOfMeasure resourceLocation consumedService resourceGroup resourceUri serviceInfo1 serviceInfo2 chargeType unitPrice effectiveUnitPrice quantity unitType billingPreTaxTotal billingCurrency pricingPreTaxTotal pricingCurrency entitlementId entitlementDescription pcToBCExchangeRate pcToBCExchangeRateDate rateOfPartnerEarnedCredit hasPartnerEarnedCredit",
    };

    [Fact]
    public async Task Billing_lines_add_up_to_every_invoice_total_across_its_details_and_carry_its_number_and_currency()
    {
        var listed = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, fixture.MainToken, "v1/invoices?size=1000"));
        var invoices = listed.Concat(listed.SelectMany(i => i.GetProperty("amendments").EnumerateArray())).ToList();
        Assert.True(invoices.Count > EmulatorFixture.MainTotal);

        var seenShapes = new HashSet<string>();
        foreach (var invoice in invoices)
        {
            var id = InvoicePages.Id(invoice);
            var providers = invoice.GetProperty("invoiceDetails").EnumerateArray().Select(d => d.GetProperty("billingProvider").GetString()!).ToList();
            Assert.NotEmpty(providers);
            var sum = 0m;
            foreach (var provider in providers)
            {
                var lines = await LineItemPages.ReadAllAsync(fixture.Main, fixture.MainToken, id, provider, billing: true, size: 2000);
                Assert.InRange(lines.Count, 3, 40);
                foreach (var line in lines)
                {
                    Assert.Equal(id, line.GetProperty("invoiceNumber").GetString());
                    Assert.Equal(invoice.GetProperty("currencyCode").GetString(), line.GetProperty("currency").GetString());
                    Assert.Equal(provider.Replace("_", ""), line.GetProperty("billingProvider").GetString()!.Replace("_", ""), ignoreCase: true);
                    Assert.Equal("billinglineitems", line.GetProperty("invoiceLineItemType").GetString()!.Replace("_", "").ToLowerInvariant());
                    seenShapes.Add(line.GetProperty("attributes").GetProperty("objectType").GetString()!);
                    sum += LineItemPages.LineTotal(line);
                }
            }
            Assert.True(invoice.GetProperty("totalCharges").GetDecimal() == sum, $"{id}: lines add up to {sum}, the invoice says {invoice.GetProperty("totalCharges").GetDecimal()}");
        }
        Assert.Equal(["LicenseBasedLineItem", "OneTimeInvoiceLineItem", "UsageBasedLineItem"], seenShapes.Order());
    }

    [Fact]
    public async Task A_provider_the_invoice_has_no_detail_for_is_an_empty_collection()
    {
        var listed = await FirstPageAsync(fixture.MainToken, 25);
        foreach (var invoice in listed)
        {
            var id = InvoicePages.Id(invoice);
            var providers = invoice.GetProperty("invoiceDetails").EnumerateArray().Select(d => d.GetProperty("billingProvider").GetString()!).ToHashSet();
            foreach (var provider in LineItemPages.Providers.Where(p => !providers.Contains(p)))
            {
                using var response = await fixture.Main.GetAsync(LineItemPages.FirstUri(id, provider, billing: true, size: 10), fixture.MainToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal(0, page.GetProperty("totalCount").GetInt32());
                Assert.Empty(page.GetProperty("items").EnumerateArray());
                Assert.False(page.GetProperty("links").TryGetProperty("next", out _));
                Assert.Equal("Collection", page.GetProperty("attributes").GetProperty("objectType").GetString());
            }
        }
    }

    [Fact]
    public async Task Every_line_has_exactly_the_fields_the_module_reads_and_usage_lines_come_in_their_own_shape()
    {
        var listed = await FirstPageAsync(fixture.MainToken, 40);
        var seen = new HashSet<string>();
        foreach (var invoice in listed)
        {
            var id = InvoicePages.Id(invoice);
            foreach (var detail in invoice.GetProperty("invoiceDetails").EnumerateArray())
            {
                var provider = detail.GetProperty("billingProvider").GetString()!;
                foreach (var billing in new[] { true, false })
                {
                    var lines = await LineItemPages.ReadAllAsync(fixture.Main, fixture.MainToken, id, provider, billing, size: 15);
                    if (!billing && provider == "office")
                    {
                        Assert.Empty(lines);   // licenses have no daily usage
                        continue;
                    }
                    var objectType = lines[0].GetProperty("attributes").GetProperty("objectType").GetString()!;
                    Assert.Equal((provider, billing) switch
                    {
                        ("office", true) => "LicenseBasedLineItem",
                        ("azure", true) => "UsageBasedLineItem",
                        (_, true) => "OneTimeInvoiceLineItem",
                        _ => "DailyRatedUsageLineItem",
                    }, objectType);
                    seen.Add(objectType);
                    var expected = BaseFields.Concat(ShapeFields[objectType].Split(' ')).Order().ToList();
                    foreach (var line in lines)
                    {
                        Assert.Equal(expected, line.EnumerateObject().Select(p => p.Name).Order().ToList());
                        Assert.True(Guid.TryParse(line.GetProperty("customerId").GetString(), out _));
                        Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("customerName").GetString()));
                        Assert.Equal(billing ? "billinglineitems" : "usagelineitems", line.GetProperty("invoiceLineItemType").GetString()!.Replace("_", "").ToLowerInvariant());
                        Assert.True(line.GetProperty("chargeStartDate").GetDateTimeOffset() <= line.GetProperty("chargeEndDate").GetDateTimeOffset());
                    }
                }
            }
        }
        Assert.Equal(4, seen.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(39)]
    public async Task Paging_visits_every_line_once_in_both_styles(int size)
    {
        var listed = await FirstPageAsync(fixture.MainToken, 40);
        foreach (var provider in LineItemPages.Providers)
        {
            var invoice = listed.First(i => i.GetProperty("invoiceDetails").EnumerateArray().Any(d => d.GetProperty("billingProvider").GetString() == provider));
            var id = InvoicePages.Id(invoice);
            foreach (var billing in new[] { true, false })
            {
                var whole = await LineItemPages.ReadAllAsync(fixture.Main, fixture.MainToken, id, provider, billing, size: 2000);
                var paged = await LineItemPages.ReadAllAsync(fixture.Main, fixture.MainToken, id, provider, billing, size);
                Assert.Equal(whole.Select(l => l.GetRawText()), paged.Select(l => l.GetRawText()));
            }
        }
    }

    [Fact]
    public async Task Next_links_page_by_offset_for_azure_and_office_and_by_continuation_token_for_the_others()
    {
        var listed = await FirstPageAsync(fixture.MainToken, 40);
        var recurring = InvoicePages.Id(listed.First(i => i.GetProperty("invoiceDetails").EnumerateArray().Any(d => d.GetProperty("billingProvider").GetString() == "office")));
        var oneTime = InvoicePages.Id(listed.First(i => i.GetProperty("invoiceType").GetString() == "OneTime"));

        using var legacy = await fixture.Main.GetAsync($"v1/invoices/{recurring.ToLowerInvariant()}/lineitems/office/billing_line_items?size=2", fixture.MainToken);
        var legacyPage = JsonDocument.Parse(await legacy.Content.ReadAsStringAsync()).RootElement;
        var legacyNext = legacyPage.GetProperty("links").GetProperty("next");
        Assert.Equal($"/invoices/{recurring}/lineitems/Office/BillingLineItems?size=2&offset=2", legacyNext.GetProperty("uri").GetString());
        Assert.Empty(legacyNext.GetProperty("headers").EnumerateArray());
        Assert.False(legacyPage.TryGetProperty("continuationToken", out _));

        using var modern = await fixture.Main.GetAsync($"v1/invoices/{oneTime}/lineitems?Provider=OneTime&InvoiceLineItemType=BillingLineItems&size=2&currencycode=USD&period=current", fixture.MainToken);
        var modernPage = JsonDocument.Parse(await modern.Content.ReadAsStringAsync()).RootElement;
        var modernNext = modernPage.GetProperty("links").GetProperty("next");
        Assert.Equal($"/invoices/{oneTime}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=2&seekOperation=Next", modernNext.GetProperty("uri").GetString());
        var header = Assert.Single(modernNext.GetProperty("headers").EnumerateArray());
        Assert.Equal("MS-ContinuationToken", header.GetProperty("key").GetString());
        Assert.Equal(modernPage.GetProperty("continuationToken").GetString(), header.GetProperty("value").GetString());

        // The token belongs to its invoice, provider and type: elsewhere it is refused.
        using var usage = await fixture.Main.GetAsync($"v1/invoices/{oneTime}/lineitems?provider=onetime&invoicelineitemtype=usagelineitems&size=2&seekOperation=Next",
            fixture.MainToken, ("MS-ContinuationToken", header.GetProperty("value").GetString()!));
        await ServiceErrorAssert.IsAsync(usage, HttpStatusCode.BadRequest, "MS-ContinuationToken");
        using var missing = await fixture.Main.GetAsync($"v1/invoices/{oneTime}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&seekOperation=next", fixture.MainToken);
        await ServiceErrorAssert.IsAsync(missing, HttpStatusCode.BadRequest, "MS-ContinuationToken");
    }

    [Theory]
    [InlineData("lineitems/Azure/BillingLineItems?size=0", "size")]
    [InlineData("lineitems/Azure/BillingLineItems?size=2001", "size")]
    [InlineData("lineitems/Azure/BillingLineItems?size=ten", "size")]
    [InlineData("lineitems/Azure/BillingLineItems?offset=-1", "offset")]
    [InlineData("lineitems/Azure/BillingLineItems?size=1&size=2", "size")]
    [InlineData("lineitems/Azure/BillingLineItems?seekOperation=Next", "seekOperation")]
    [InlineData("lineitems/Foo/BillingLineItems", "provider")]
    [InlineData("lineitems/Azure/Lines", "invoicelineitemtype")]
    [InlineData("lineitems?invoicelineitemtype=billinglineitems", "provider")]
    [InlineData("lineitems?provider=onetime", "invoicelineitemtype")]
    [InlineData("lineitems?provider=azure&invoicelineitemtype=billinglineitems", "provider")]
    [InlineData("lineitems?provider=onetime&invoicelineitemtype=other", "invoicelineitemtype")]
    [InlineData("lineitems?provider=onetime&invoicelineitemtype=usagelineitems&size=2001", "size")]
    [InlineData("lineitems?provider=onetime&invoicelineitemtype=usagelineitems&seekOperation=Previous", "seekOperation")]
    public async Task A_bad_parameter_is_400_naming_it(string route, string parameter)
    {
        var id = InvoicePages.Id((await FirstPageAsync(fixture.MainToken, 1))[0]);
        using var response = await fixture.Main.GetAsync($"v1/invoices/{id}/{route}", fixture.MainToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, parameter);
    }

    [Theory]
    [InlineData("v1/invoices/D999999999/lineitems/Azure/BillingLineItems")]
    [InlineData("v1/invoices/X1/lineitems?provider=onetime&invoicelineitemtype=billinglineitems")]
    public async Task An_unknown_invoice_is_404(string path)
    {
        using var response = await fixture.Main.GetAsync(path, fixture.MainToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task App_plus_user_tokens_read_line_items_too()
    {
        using var minted = await fixture.Main.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
        var userToken = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        var invoice = (await FirstPageAsync(userToken, 1))[0];
        var provider = invoice.GetProperty("invoiceDetails")[0].GetProperty("billingProvider").GetString()!;
        Assert.NotEmpty(await LineItemPages.ReadAllAsync(fixture.Main, userToken, InvoicePages.Id(invoice), provider, billing: true, size: 2000));
    }

    private async Task<List<JsonElement>> FirstPageAsync(string token, int size)
    {
        using var response = await fixture.Main.GetAsync($"v1/invoices?size={size}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().GetProperty("items").EnumerateArray()];
    }
}
