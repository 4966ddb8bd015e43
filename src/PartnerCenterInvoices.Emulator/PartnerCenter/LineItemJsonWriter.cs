using System.Buffers.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Writes one line item in the shape of its provider and kind, as the module's line item models read it.</summary>
/// <remarks>
/// <para>
/// Office billing lines are <c>LicenseBasedLineItem</c>, Azure billing lines <c>UsageBasedLineItem</c>, OneTime and
/// Marketplace billing lines <c>OneTimeInvoiceLineItem</c>, and usage lines of every provider
/// <c>DailyRatedUsageLineItem</c>; <c>attributes.objectType</c> names the shape. The billing total of each line
/// (totalForCustomer or postTaxTotal) is <see cref="InvoiceLineItems.AmountOf"/>, the rest is derived from it.
/// </para>
/// <para>
/// One hash per line feeds every other field, names come from <see cref="LineItemCatalog"/> and ids are formatted
/// on the stack, so a page of 2,000 lines allocates nothing per line. Half the lines spell the enums as the
/// documentation does (<c>billing_line_items</c>, <c>one_time</c>), half as the samples do (<c>BillingLineItems</c>,
/// <c>OneTime</c>), as the service mixes them.
/// </para>
/// </remarks>
internal static class LineItemJsonWriter
{
    private static readonly JsonEncodedText InvoiceNumber = E("invoiceNumber");
    private static readonly JsonEncodedText BillingProvider = E("billingProvider");
    private static readonly JsonEncodedText InvoiceLineItemType = E("invoiceLineItemType");
    private static readonly JsonEncodedText PartnerId = E("partnerId");
    private static readonly JsonEncodedText PartnerName = E("partnerName");
    private static readonly JsonEncodedText CustomerId = E("customerId");
    private static readonly JsonEncodedText CustomerName = E("customerName");
    private static readonly JsonEncodedText CustomerCompanyName = E("customerCompanyName");
    private static readonly JsonEncodedText CustomerDomainName = E("customerDomainName");
    private static readonly JsonEncodedText CustomerCountry = E("customerCountry");
    private static readonly JsonEncodedText DomainName = E("domainName");
    private static readonly JsonEncodedText CurrencyName = E("currency");
    private static readonly JsonEncodedText MpnId = E("mpnId");
    private static readonly JsonEncodedText Tier2MpnId = E("tier2MpnId");
    private static readonly JsonEncodedText ResellerMpnId = E("resellerMpnId");
    private static readonly JsonEncodedText OrderId = E("orderId");
    private static readonly JsonEncodedText OrderDate = E("orderDate");
    private static readonly JsonEncodedText SubscriptionId = E("subscriptionId");
    private static readonly JsonEncodedText SubscriptionName = E("subscriptionName");
    private static readonly JsonEncodedText SubscriptionDescription = E("subscriptionDescription");
    private static readonly JsonEncodedText SyndicationPartnerSubscriptionNumber = E("syndicationPartnerSubscriptionNumber");
    private static readonly JsonEncodedText OfferId = E("offerId");
    private static readonly JsonEncodedText DurableOfferId = E("durableOfferId");
    private static readonly JsonEncodedText OfferName = E("offerName");
    private static readonly JsonEncodedText BillingCycleType = E("billingCycleType");
    private static readonly JsonEncodedText ChargeStartDate = E("chargeStartDate");
    private static readonly JsonEncodedText ChargeEndDate = E("chargeEndDate");
    private static readonly JsonEncodedText ChargeType = E("chargeType");
    private static readonly JsonEncodedText UnitPrice = E("unitPrice");
    private static readonly JsonEncodedText EffectiveUnitPrice = E("effectiveUnitPrice");
    private static readonly JsonEncodedText Quantity = E("quantity");
    private static readonly JsonEncodedText BillableQuantity = E("billableQuantity");
    private static readonly JsonEncodedText Amount = E("amount");
    private static readonly JsonEncodedText TotalOtherDiscount = E("totalOtherDiscount");
    private static readonly JsonEncodedText Subtotal = E("subtotal");
    private static readonly JsonEncodedText Tax = E("tax");
    private static readonly JsonEncodedText TaxTotal = E("taxTotal");
    private static readonly JsonEncodedText TotalForCustomer = E("totalForCustomer");
    private static readonly JsonEncodedText PartnerBillableAccountId = E("partnerBillableAccountId");
    private static readonly JsonEncodedText ServiceName = E("serviceName");
    private static readonly JsonEncodedText ServiceType = E("serviceType");
    private static readonly JsonEncodedText ResourceGuid = E("resourceGuid");
    private static readonly JsonEncodedText ResourceName = E("resourceName");
    private static readonly JsonEncodedText Region = E("region");
    private static readonly JsonEncodedText Sku = E("sku");
    private static readonly JsonEncodedText DetailLineItemId = E("detailLineItemId");
    private static readonly JsonEncodedText ConsumedQuantity = E("consumedQuantity");
    private static readonly JsonEncodedText IncludedQuantity = E("includedQuantity");
    private static readonly JsonEncodedText OverageQuantity = E("overageQuantity");
    private static readonly JsonEncodedText ListPrice = E("listPrice");
    private static readonly JsonEncodedText PretaxCharges = E("pretaxCharges");
    private static readonly JsonEncodedText TaxAmount = E("taxAmount");
    private static readonly JsonEncodedText PostTaxTotal = E("postTaxTotal");
    private static readonly JsonEncodedText PretaxEffectiveRate = E("pretaxEffectiveRate");
    private static readonly JsonEncodedText PostTaxEffectiveRate = E("postTaxEffectiveRate");
    private static readonly JsonEncodedText Unit = E("unit");
    private static readonly JsonEncodedText ProductId = E("productId");
    private static readonly JsonEncodedText SkuId = E("skuId");
    private static readonly JsonEncodedText AvailabilityId = E("availabilityId");
    private static readonly JsonEncodedText ProductName = E("productName");
    private static readonly JsonEncodedText SkuName = E("skuName");
    private static readonly JsonEncodedText UnitType = E("unitType");
    private static readonly JsonEncodedText PublisherName = E("publisherName");
    private static readonly JsonEncodedText PublisherId = E("publisherId");
    private static readonly JsonEncodedText TermAndBillingCycle = E("termAndBillingCycle");
    private static readonly JsonEncodedText BillingFrequency = E("billingFrequency");
    private static readonly JsonEncodedText AlternateId = E("alternateId");
    private static readonly JsonEncodedText PriceAdjustmentDescription = E("priceAdjustmentDescription");
    private static readonly JsonEncodedText DiscountDetails = E("discountDetails");
    private static readonly JsonEncodedText PricingCurrency = E("pricingCurrency");
    private static readonly JsonEncodedText BillingCurrency = E("billingCurrency");
    private static readonly JsonEncodedText PcToBCExchangeRate = E("pcToBCExchangeRate");
    private static readonly JsonEncodedText PcToBCExchangeRateDate = E("pcToBCExchangeRateDate");
    private static readonly JsonEncodedText MeterDescription = E("meterDescription");
    private static readonly JsonEncodedText ReservationOrderId = E("reservationOrderId");
    private static readonly JsonEncodedText UsageDate = E("usageDate");
    private static readonly JsonEncodedText MeterType = E("meterType");
    private static readonly JsonEncodedText MeterCategory = E("meterCategory");
    private static readonly JsonEncodedText MeterId = E("meterId");
    private static readonly JsonEncodedText MeterSubCategory = E("meterSubCategory");
    private static readonly JsonEncodedText MeterName = E("meterName");
    private static readonly JsonEncodedText MeterRegion = E("meterRegion");
    private static readonly JsonEncodedText UnitOfMeasure = E("unitOfMeasure");
    private static readonly JsonEncodedText ResourceLocation = E("resourceLocation");
    private static readonly JsonEncodedText ConsumedServiceName = E("consumedService");
    private static readonly JsonEncodedText ResourceGroup = E("resourceGroup");
    private static readonly JsonEncodedText ResourceUri = E("resourceUri");
    private static readonly JsonEncodedText ServiceInfo1 = E("serviceInfo1");
    private static readonly JsonEncodedText ServiceInfo2 = E("serviceInfo2");
    private static readonly JsonEncodedText BillingPreTaxTotal = E("billingPreTaxTotal");
    private static readonly JsonEncodedText PricingPreTaxTotal = E("pricingPreTaxTotal");
    private static readonly JsonEncodedText EntitlementId = E("entitlementId");
    private static readonly JsonEncodedText EntitlementDescription = E("entitlementDescription");
    private static readonly JsonEncodedText RateOfPartnerEarnedCredit = E("rateOfPartnerEarnedCredit");
    private static readonly JsonEncodedText HasPartnerEarnedCredit = E("hasPartnerEarnedCredit");
    private static readonly JsonEncodedText Attributes = E("attributes");
    private static readonly JsonEncodedText ObjectType = E("objectType");

    private static readonly JsonEncodedText TheEmulatedPartner = E("Contoso Cloud Partner");
    private static readonly JsonEncodedText Usd = E("USD");
    private static readonly JsonEncodedText Monthly = E("monthly");
    private static readonly JsonEncodedText Annual = E("annual");
    private static readonly JsonEncodedText OneTimeFrequency = E("OneTime");
    private static readonly JsonEncodedText Empty = E("");
    private static readonly JsonEncodedText Licenses = E("Licenses");
    private static readonly JsonEncodedText Consumption = E("Consumption");
    private static readonly JsonEncodedText AzurePlan = E("Azure plan");
    private static readonly JsonEncodedText AzurePlanProductId = E("DZH318Z0BPS6");
    private static readonly JsonEncodedText AzureMeterType = E("1 Compute Hour");

    private static readonly JsonEncodedText[] ObjectTypes =
        [E("LicenseBasedLineItem"), E("UsageBasedLineItem"), E("OneTimeInvoiceLineItem"), E("DailyRatedUsageLineItem")];

    // Per provider bit (Azure, Office, OneTime, Marketplace): the documented spelling, then the samples'.
    private static readonly JsonEncodedText[][] ProviderSpellings =
        [[E("azure"), E("Azure")], [E("office"), E("Office")], [E("one_time"), E("OneTime")], [E("marketplace"), E("Marketplace")]];
    private static readonly JsonEncodedText[][] KindSpellings =
        [[E("billing_line_items"), E("BillingLineItems")], [E("usage_line_items"), E("UsageLineItems")]];

    /// <summary>The <c>objectType</c> of the lines of this provider and kind.</summary>
    public static JsonEncodedText ObjectTypeOf(BillingProviders provider, LineItemKind kind) => ObjectTypes[(int)ShapeOf(provider, kind)];

    public static void Write(Utf8JsonWriter writer, LineItemGenerator generator, in InvoiceLineItems lines, long line, ReadOnlySpan<byte> invoiceId)
    {
        var hash = lines.LineHash(line);
        var more = InvoiceGenerator.Mix(hash ^ 0xFEED_FACE_CAFE_BEEFUL);
        var invoice = lines.Invoice;
        var customer = (int)(InvoiceGenerator.Mix(lines.Key ^ (ulong)(line / 16)) % (ulong)LineItemCatalog.CustomerCount);

        writer.WriteStartObject();
        writer.WriteString(InvoiceNumber, invoiceId);
        var spelling = (int)(hash >> 63);
        writer.WriteString(BillingProvider, ProviderSpellings[System.Numerics.BitOperations.Log2((uint)lines.Provider)][spelling]);
        writer.WriteString(InvoiceLineItemType, KindSpellings[(int)lines.Kind][spelling]);
        WriteGuid(writer, PartnerId, generator.PartnerId);
        WriteGuid(writer, CustomerId, generator.CustomerKey ^ (ulong)customer, 0xC057_0000UL);
        writer.WriteString(CustomerName, LineItemCatalog.CustomerNames[customer]);
        writer.WriteString(CurrencyName, invoice.Currency.Code);

        var shape = ShapeOf(lines.Provider, lines.Kind);
        switch (shape)
        {
            case LineItemShape.LicenseBased:
                WriteLicenseBased(writer, generator, lines, line, hash, more, customer);
                break;
            case LineItemShape.UsageBased:
                WriteUsageBased(writer, generator, lines, line, hash, more, customer);
                break;
            case LineItemShape.OneTime:
                WriteOneTime(writer, generator, lines, line, hash, more, customer);
                break;
            default:
                WriteDailyRatedUsage(writer, generator, lines, line, hash, more, customer);
                break;
        }

        writer.WriteStartObject(Attributes);
        writer.WriteString(ObjectType, ObjectTypes[(int)shape]);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteLicenseBased(Utf8JsonWriter writer, LineItemGenerator generator, in InvoiceLineItems lines, long line, ulong hash, ulong more, int customer)
    {
        var invoice = lines.Invoice;
        var currency = invoice.Currency;
        var offer = LineItemCatalog.OfficeOffers[(int)(hash % (ulong)LineItemCatalog.OfficeOffers.Length)];
        var total = lines.AmountOf(line);
        var tax = TaxOf(total, more);
        var discount = (more >> 20 & 7) == 0 ? Math.Abs(total - tax) / 20 : 0;
        var quantity = 1 + (long)(hash >> 8 & 0x3F);
        writer.WriteString(MpnId, generator.MpnId);
        writer.WriteString(Tier2MpnId, invoice.IsIndirectProgram ? generator.ResellerMpnId : Empty);
        WriteGuid(writer, OrderId, hash, 0x0D0E_0000UL);
        WriteGuid(writer, SubscriptionId, hash, 0x5B5C_0000UL);
        writer.WriteString(SyndicationPartnerSubscriptionNumber, Empty);
        WriteGuid(writer, OfferId, (ulong)offer.Cents, 0x0FFE_0000UL);
        WriteGuid(writer, DurableOfferId, (ulong)offer.Cents, 0xD0AB_0000UL);
        writer.WriteString(OfferName, offer.Name);
        writer.WriteString(DomainName, LineItemCatalog.CustomerDomains[customer]);
        writer.WriteString(BillingCycleType, (hash >> 30 & 3) == 0 ? Annual : Monthly);
        writer.WriteString(SubscriptionName, offer.Name);
        writer.WriteString(SubscriptionDescription, offer.Name);
        writer.WriteString(ChargeStartDate, invoice.BillingPeriodStart);
        writer.WriteString(ChargeEndDate, invoice.BillingPeriodEnd);
        writer.WriteString(ChargeType, LineItemCatalog.OfficeChargeTypes[(int)(more % 3)]);
        writer.WriteNumber(UnitPrice, Math.Round(currency.FromMinorUnits(total - tax + discount) / quantity, 4));
        writer.WriteNumber(Quantity, quantity);
        writer.WriteNumber(Amount, currency.FromMinorUnits(total - tax + discount));
        writer.WriteNumber(TotalOtherDiscount, currency.FromMinorUnits(discount));
        writer.WriteNumber(Subtotal, currency.FromMinorUnits(total - tax));
        writer.WriteNumber(Tax, currency.FromMinorUnits(tax));
        writer.WriteNumber(TotalForCustomer, currency.FromMinorUnits(total));
    }

    private static void WriteUsageBased(Utf8JsonWriter writer, LineItemGenerator generator, in InvoiceLineItems lines, long line, ulong hash, ulong more, int customer)
    {
        var invoice = lines.Invoice;
        var currency = invoice.Currency;
        var service = LineItemCatalog.AzureServices[(int)(hash % (ulong)LineItemCatalog.AzureServices.Length)];
        var region = LineItemCatalog.Regions[(int)(more % (ulong)LineItemCatalog.Regions.Length)];
        var total = lines.AmountOf(line);
        var tax = TaxOf(total, more);
        var consumed = new decimal((int)(hash >> 12 & 0xFFFFF) + 1, 0, 0, false, 2);   // 0.01 to about 10,000 units
        var pretax = currency.FromMinorUnits(total - tax);
        writer.WriteString(PartnerName, TheEmulatedPartner);
        WriteGuid(writer, PartnerBillableAccountId, generator.PartnerId);
        writer.WriteString(CustomerCompanyName, LineItemCatalog.CustomerNames[customer]);
        writer.WriteString(MpnId, generator.MpnId);
        writer.WriteString(Tier2MpnId, invoice.IsIndirectProgram ? generator.ResellerMpnId : Empty);
        WriteGuid(writer, SubscriptionId, generator.CustomerKey ^ (ulong)customer, 0xA2A2_0000UL);
        writer.WriteString(SubscriptionName, AzurePlan);
        writer.WriteString(SubscriptionDescription, AzurePlan);
        WriteGuid(writer, OrderId, generator.CustomerKey ^ (ulong)customer, 0x0DA2_0000UL);
        writer.WriteString(ServiceName, service.Service);
        writer.WriteString(ServiceType, service.Type);
        WriteGuid(writer, ResourceGuid, hash % 64, 0x4E50_0000UL);
        writer.WriteString(ResourceName, service.Resource);
        writer.WriteString(Region, region.Name);
        writer.WriteString(Sku, service.Sku);
        WriteGuid(writer, DetailLineItemId, hash, (ulong)line);
        writer.WriteNumber(ConsumedQuantity, consumed);
        writer.WriteNumber(IncludedQuantity, 0);
        writer.WriteNumber(OverageQuantity, consumed);
        // Decimal division is the dearest step of a line: one for both pre-tax rates.
        var rate = Math.Round(pretax / consumed, 6);
        writer.WriteNumber(ListPrice, rate);
        writer.WriteNumber(PretaxCharges, pretax);
        writer.WriteNumber(TaxAmount, currency.FromMinorUnits(tax));
        writer.WriteNumber(PostTaxTotal, currency.FromMinorUnits(total));
        writer.WriteNumber(PretaxEffectiveRate, rate);
        writer.WriteNumber(PostTaxEffectiveRate, Math.Round(currency.FromMinorUnits(total) / consumed, 6));
        writer.WriteString(ChargeStartDate, invoice.BillingPeriodStart);
        writer.WriteString(ChargeEndDate, invoice.BillingPeriodEnd);
        writer.WriteString(ChargeType, Consumption);
        writer.WriteString(Unit, service.Unit);
    }

    private static void WriteOneTime(Utf8JsonWriter writer, LineItemGenerator generator, in InvoiceLineItems lines, long line, ulong hash, ulong more, int customer)
    {
        var invoice = lines.Invoice;
        var currency = invoice.Currency;
        var total = lines.AmountOf(line);
        var tax = TaxOf(total, more);
        var quantity = 1 + (long)(hash >> 8 & 0x1F);
        var subtotal = currency.FromMinorUnits(total - tax);
        var unitPrice = Math.Round(subtotal / quantity, 4);
        var marketplace = lines.Provider == BillingProviders.Marketplace;
        JsonEncodedText productId, skuId, productName, skuName, publisher, publisherId;
        if (marketplace)
        {
            var product = LineItemCatalog.MarketplaceProducts[(int)(hash % (ulong)LineItemCatalog.MarketplaceProducts.Length)];
            (productId, skuId, productName, skuName, publisher, publisherId) =
                (product.PublisherId, product.Sku, product.Product, product.Sku, product.Publisher, product.PublisherId);
        }
        else
        {
            var product = LineItemCatalog.OneTimeProducts[(int)(hash % (ulong)LineItemCatalog.OneTimeProducts.Length)];
            (productId, skuId, productName, skuName, publisher, publisherId) =
                (product.ProductId, product.SkuId, product.Name, product.SkuName, MicrosoftCorporation, MicrosoftPublisherId);
        }
        writer.WriteString(CustomerDomainName, LineItemCatalog.CustomerDomains[customer]);
        writer.WriteString(CustomerCountry, invoice.Currency.Country);
        writer.WriteString(MpnId, generator.MpnId);
        writer.WriteString(ResellerMpnId, invoice.IsIndirectProgram ? generator.ResellerMpnId : Empty);
        WriteId(writer, OrderId, hash);
        var ordered = invoice.BillingPeriodStart.AddDays((long)(more % 28));
        writer.WriteString(OrderDate, ordered > invoice.BillingPeriodEnd ? invoice.BillingPeriodEnd : ordered);
        writer.WriteString(ProductId, productId);
        writer.WriteString(SkuId, skuId);
        writer.WriteString(AvailabilityId, AvailabilityIds[(int)(more >> 8 & 3)]);
        writer.WriteString(ProductName, productName);
        writer.WriteString(SkuName, skuName);
        writer.WriteString(ChargeType, LineItemCatalog.OneTimeChargeTypes[(int)(more >> 12 & 3)]);
        writer.WriteNumber(UnitPrice, unitPrice);
        writer.WriteNumber(EffectiveUnitPrice, unitPrice);
        writer.WriteString(UnitType, marketplace ? Empty : Licenses);
        writer.WriteNumber(Quantity, quantity);
        writer.WriteNumber(BillableQuantity, quantity);
        writer.WriteNumber(Subtotal, subtotal);
        writer.WriteNumber(TaxTotal, currency.FromMinorUnits(tax));
        writer.WriteNumber(TotalForCustomer, currency.FromMinorUnits(total));
        writer.WriteString(PublisherName, publisher);
        writer.WriteString(PublisherId, publisherId);
        writer.WriteString(SubscriptionDescription, productName);
        WriteGuid(writer, SubscriptionId, generator.CustomerKey ^ (ulong)customer, hash % 16);
        writer.WriteString(ChargeStartDate, invoice.BillingPeriodStart);
        writer.WriteString(ChargeEndDate, invoice.BillingPeriodEnd);
        writer.WriteString(TermAndBillingCycle, LineItemCatalog.TermsAndCycles[(int)(more >> 16 & 1)]);
        writer.WriteString(BillingFrequency, invoice.Type == InvoiceType.OneTime ? OneTimeFrequency : Monthly);
        WriteId(writer, AlternateId, more);
        writer.WriteString(PriceAdjustmentDescription, Empty);
        writer.WriteString(DiscountDetails, Empty);
        writer.WriteString(PricingCurrency, Usd);
        writer.WriteNumber(PcToBCExchangeRate, ExchangeRate(currency));
        writer.WriteString(PcToBCExchangeRateDate, invoice.BillingPeriodStart);
        writer.WriteString(MeterDescription, Empty);
        writer.WriteString(ReservationOrderId, Empty);
    }

    private static void WriteDailyRatedUsage(Utf8JsonWriter writer, LineItemGenerator generator, in InvoiceLineItems lines, long line, ulong hash, ulong more, int customer)
    {
        var invoice = lines.Invoice;
        var currency = invoice.Currency;
        var service = LineItemCatalog.AzureServices[(int)(hash % (ulong)LineItemCatalog.AzureServices.Length)];
        var region = LineItemCatalog.Regions[(int)(more % (ulong)LineItemCatalog.Regions.Length)];
        var quantity = new decimal((int)(hash >> 12 & 0x3FFFF) + 1, 0, 0, false, 3);
        var unitPrice = new decimal((int)(more >> 20 & 0xFFFF) + 1, 0, 0, false, 5);
        // Informational only: usage adds nothing to the invoice total (its billing lines already carry the money).
        var billingTotal = Math.Round(quantity * unitPrice * ExchangeRate(currency), currency.Decimals);
        var pricingTotal = Math.Round(quantity * unitPrice, 2);
        var days = Math.Max(1, (invoice.BillingPeriodEnd - invoice.BillingPeriodStart).Days + 1);
        var group = LineItemCatalog.ResourceGroups[(int)(more >> 40 & 3)];
        writer.WriteString(PartnerName, TheEmulatedPartner);
        writer.WriteString(CustomerDomainName, LineItemCatalog.CustomerDomains[customer]);
        writer.WriteString(CustomerCountry, invoice.Currency.Country);
        writer.WriteString(MpnId, generator.MpnId);
        writer.WriteString(ResellerMpnId, invoice.IsIndirectProgram ? generator.ResellerMpnId : Empty);
        writer.WriteString(ProductId, AzurePlanProductId);
        writer.WriteString(SkuId, SkuZeroOne);
        writer.WriteString(AvailabilityId, AvailabilityIds[0]);
        writer.WriteString(SkuName, service.Sku);
        writer.WriteString(ProductName, service.Service);
        writer.WriteString(PublisherName, MicrosoftCorporation);
        writer.WriteString(PublisherId, Empty);
        writer.WriteString(SubscriptionDescription, AzurePlan);
        WriteGuid(writer, SubscriptionId, generator.CustomerKey ^ (ulong)customer, 0xA2A2_0000UL);
        writer.WriteString(ChargeStartDate, invoice.BillingPeriodStart);
        writer.WriteString(ChargeEndDate, invoice.BillingPeriodEnd);
        // A calendar day without an offset, as service dates sometimes come: a client must read it as UTC, not local time.
        writer.WriteString(UsageDate, DateTime.SpecifyKind(invoice.BillingPeriodStart.AddDays(line % days), DateTimeKind.Unspecified));
        writer.WriteString(MeterType, AzureMeterType);
        writer.WriteString(MeterCategory, service.Service);
        WriteGuid(writer, MeterId, hash % (ulong)LineItemCatalog.AzureServices.Length, 0x3E7E_0000UL);
        writer.WriteString(MeterSubCategory, service.Type);
        writer.WriteString(MeterName, service.Resource);
        writer.WriteString(MeterRegion, region.Name);
        writer.WriteString(UnitOfMeasure, service.Unit);
        writer.WriteString(ResourceLocation, region.Location);
        writer.WriteString(ConsumedServiceName, service.ConsumedService);
        writer.WriteString(ResourceGroup, group);
        writer.WriteString(ResourceUri, Empty);
        writer.WriteString(ServiceInfo1, Empty);
        writer.WriteString(ServiceInfo2, Empty);
        writer.WriteString(ChargeType, UsageChargeType);
        writer.WriteNumber(UnitPrice, unitPrice);
        writer.WriteNumber(EffectiveUnitPrice, unitPrice);
        writer.WriteNumber(Quantity, quantity);
        writer.WriteString(UnitType, service.Unit);
        writer.WriteNumber(BillingPreTaxTotal, billingTotal);
        writer.WriteString(BillingCurrency, currency.Code);
        writer.WriteNumber(PricingPreTaxTotal, pricingTotal);
        writer.WriteString(PricingCurrency, Usd);
        WriteGuid(writer, EntitlementId, generator.CustomerKey ^ (ulong)customer, 0xA2A2_0000UL);
        writer.WriteString(EntitlementDescription, AzurePlan);
        writer.WriteNumber(PcToBCExchangeRate, ExchangeRate(currency));
        writer.WriteString(PcToBCExchangeRateDate, invoice.BillingPeriodStart);
        var earned = (more >> 50 & 3) == 0;
        writer.WriteNumber(RateOfPartnerEarnedCredit, earned ? 0.15m : 0m);
        writer.WriteBoolean(HasPartnerEarnedCredit, earned);
    }

    private static readonly JsonEncodedText MicrosoftCorporation = E("Microsoft Corporation");
    private static readonly JsonEncodedText MicrosoftPublisherId = E("");
    private static readonly JsonEncodedText SkuZeroOne = E("0001");
    private static readonly JsonEncodedText UsageChargeType = E("new");
    private static readonly JsonEncodedText[] AvailabilityIds = [E("DZH318XZXPHL"), E("CFQ7TTC0K5BF"), E("CFQ7TTC0LDTB"), E("CFQ7TTC0JQKQ")];

    private static LineItemShape ShapeOf(BillingProviders provider, LineItemKind kind) => (provider, kind) switch
    {
        (_, LineItemKind.Usage) => LineItemShape.DailyRatedUsage,
        (BillingProviders.Office, _) => LineItemShape.LicenseBased,
        (BillingProviders.Azure, _) => LineItemShape.UsageBased,
        _ => LineItemShape.OneTime,
    };

    // Tax inside a total, at 0 to 25 %: total * rate / (1 + rate), in minor units, with the total's sign.
    private static long TaxOf(long total, ulong hash)
    {
        var basisPoints = (long)(hash >> 32 & 0xFFFF) % 2_501;
        return total * basisPoints / (10_000 + basisPoints);
    }

    // Units of the invoice currency per US dollar, four decimals: pricing is in USD, billing in the invoice's currency.
    private static decimal ExchangeRate(Currency currency) => new decimal(currency.UnitsPerHundredCents * (currency.Decimals == 0 ? 10_000 : 100), 0, 0, false, 4);

    private static void WriteGuid(Utf8JsonWriter writer, JsonEncodedText name, Guid value)
    {
        Span<byte> text = stackalloc byte[36];
        Utf8Formatter.TryFormat(value, text, out var written);
        writer.WriteString(name, text[..written]);
    }

    // A GUID made of two numbers: stable for the same inputs, different for different ones.
    private static void WriteGuid(Utf8JsonWriter writer, JsonEncodedText name, ulong first, ulong second)
    {
        Span<byte> raw = stackalloc byte[16];
        var mixed = InvoiceGenerator.Mix(first ^ InvoiceGenerator.Mix(second ^ 0x6A09_E667_F3BC_C908UL));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(raw, mixed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(raw[8..], InvoiceGenerator.Mix(mixed ^ 0xBB67_AE85_84CA_A73BUL));
        raw[7] = (byte)(raw[7] & 0x0F | 0x40);   // version 4, variant 1: it reads as an ordinary random GUID
        raw[8] = (byte)(raw[8] & 0x3F | 0x80);
        WriteGuid(writer, name, new Guid(raw));
    }

    // An order or alternate id as new commerce shows them: 14 letters and digits.
    private static void WriteId(Utf8JsonWriter writer, JsonEncodedText name, ulong value)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> text = stackalloc byte[14];
        for (var i = 0; i < text.Length; i++, value >>= 4) text[i] = (byte)alphabet[(int)(value & 0x1F)];
        writer.WriteString(name, text);
    }

    private static JsonEncodedText E(string text) => JsonEncodedText.Encode(text, JsonResponse.WriterOptions.Encoder);
}
