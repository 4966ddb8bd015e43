using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary><c>GET /v1/invoices/summaries</c> (one summary per currency) and the legacy <c>GET /v1/invoices/summary</c> (the first one).</summary>
/// <remarks>
/// The balance is summed over the newest <see cref="MaxInvoices"/> invoices (their amendments included): with ten
/// million invoices a full pass would take seconds, and the older ones are paid anyway in all but a few cases.
/// Computed on first use and kept for the life of the process, since the data never changes.
/// Like a single invoice, the summaries are served to App+User callers only.
/// </remarks>
internal sealed class InvoiceSummaries(InvoiceGenerator generator, long invoiceCount)
{
    public const int MaxInvoices = 10_000;

    private static readonly DateTime AccountingDate = InvoiceGenerator.BaseDate;

    private readonly Lazy<(byte[] Collection, byte[] First)> _json = new(() => Render(generator, invoiceCount));

    public Task GetCollectionAsync(HttpContext context, AccessTokenValidation caller) => WriteAsync(context, caller, _json.Value.Collection);

    public Task GetFirstAsync(HttpContext context, AccessTokenValidation caller) => WriteAsync(context, caller, _json.Value.First);

    private static async Task WriteAsync(HttpContext context, AccessTokenValidation caller, byte[] json)
    {
        if (caller.IsAppOnly)
        {
            await ServiceError.AppPlusUserRequired().WriteAsync(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonResponse.ContentType;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static (byte[] Collection, byte[] First) Render(InvoiceGenerator generator, long invoiceCount)
    {
        var byCurrency = new Dictionary<Currency, (InvoiceSummary All, InvoiceSummary Recurring, InvoiceSummary OneTime)>();
        for (long index = 0; index < Math.Min(invoiceCount, MaxInvoices); index++)
        {
            var invoice = generator.Generate(index);
            Add(invoice);
            for (var number = 1; number <= invoice.AmendmentCount; number++) Add(generator.GenerateAmendment(invoice, number));
        }
        var present = Currency.All.Where(byCurrency.ContainsKey).ToList();

        using var collection = new MemoryStream();
        using (var writer = new Utf8JsonWriter(collection, JsonResponse.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalCount", present.Count);
            writer.WriteStartArray("items");
            foreach (var currency in present) WriteSummary(writer, byCurrency[currency]);
            writer.WriteEndArray();
            writer.WriteStartObject("links");
            PageResponse.WriteLink(writer, "self", "/invoices/summaries", null);
            writer.WriteEndObject();
            writer.WriteStartObject("attributes");
            writer.WriteString("objectType", "Collection");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var first = new MemoryStream();
        using (var writer = new Utf8JsonWriter(first, JsonResponse.WriterOptions))
        {
            // With no invoices at all there is still a balance, of nothing, in the first currency.
            var currency = present.Count > 0 ? present[0] : Currency.All[0];
            WriteSummary(writer, present.Count > 0 ? byCurrency[currency] : (new(currency), new(currency), new(currency)));
        }
        return (collection.ToArray(), first.ToArray());

        void Add(in Invoice invoice)
        {
            if (!byCurrency.TryGetValue(invoice.Currency, out var summaries))
                byCurrency[invoice.Currency] = summaries = (new(invoice.Currency), new(invoice.Currency), new(invoice.Currency));
            summaries.All.Add(invoice);
            (invoice.Type == InvoiceType.Recurring ? summaries.Recurring : summaries.OneTime).Add(invoice);
        }
    }

    private static void WriteSummary(Utf8JsonWriter writer, (InvoiceSummary All, InvoiceSummary Recurring, InvoiceSummary OneTime) summaries)
    {
        writer.WriteStartObject();
        WriteFields(writer, summaries.All);
        writer.WriteStartArray("details");
        foreach (var (type, part) in new[] { ("Recurring", summaries.Recurring), ("OneTime", summaries.OneTime) })
        {
            writer.WriteStartObject();
            writer.WriteString("invoiceType", type);
            writer.WriteStartObject("summary");
            WriteFields(writer, part);
            writer.WriteStartArray("details");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("attributes");
        writer.WriteString("objectType", "InvoiceSummary");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter writer, InvoiceSummary summary)
    {
        writer.WriteString("currencyCode", summary.Currency.Code);
        writer.WriteString("currencySymbol", summary.Currency.Symbol);
        writer.WriteNumber("balanceAmount", summary.BalanceAmount);
        writer.WriteString("accountingDate", AccountingDate);
        WriteDate(writer, "firstInvoiceCreationDate", summary.FirstInvoiceCreationDate);
        WriteDate(writer, "latestInvoiceDate", summary.LatestInvoiceDate);
        WriteDate(writer, "lastPaymentDate", summary.LastPaymentDate);
        writer.WriteNumber("lastPaymentAmount", summary.LastPaymentAmount);
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is DateTime date) writer.WriteString(name, date);
        else writer.WriteNull(name);
    }
}
