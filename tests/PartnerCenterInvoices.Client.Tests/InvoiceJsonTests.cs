using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class InvoiceJsonTests
    {
        private static PagedResourceCollection<Invoice> ReadSample() =>
            JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "invoices-page.json")),
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice)!;

        [Fact]
        public void Maps_every_scalar_field_of_an_invoice()
        {
            var invoice = ReadSample().Items[0];

            Assert.Equal("D02005YFHI", invoice.Id);
            Assert.Equal(new DateTimeOffset(2017, 1, 21, 0, 0, 0, TimeSpan.Zero), invoice.InvoiceDate);
            Assert.Equal(new DateTimeOffset(2016, 12, 21, 0, 0, 0, TimeSpan.Zero), invoice.BillingPeriodStartDate);
            Assert.Equal(new DateTimeOffset(2017, 1, 20, 0, 0, 0, TimeSpan.Zero), invoice.BillingPeriodEndDate);
            Assert.Equal(24606.35m, invoice.TotalCharges);
            Assert.Equal(1000m, invoice.PaidAmount);
            Assert.Equal("GBP", invoice.CurrencyCode);
            Assert.Equal("£", invoice.CurrencySymbol);
            Assert.Equal("Open", invoice.State);
            Assert.Equal("CSP Direct Bill Partner", invoice.ProgramName);
            Assert.Equal(string.Empty, invoice.PdfDownloadLink);
            Assert.Equal(InvoiceType.Recurring, invoice.InvoiceType);
            Assert.Equal(DocumentType.Invoice, invoice.DocumentType);
        }

        [Fact]
        public void Maps_details_tax_receipts_and_amendments()
        {
            var page = ReadSample();
            var first = page.Items[0];
            var second = page.Items[1];

            Assert.Equal(2, first.InvoiceDetails.Count);
            Assert.Equal(BillingProvider.Office, first.InvoiceDetails[0].BillingProvider);
            Assert.Equal(InvoiceLineItemType.BillingLineItems, first.InvoiceDetails[0].InvoiceLineItemType);
            Assert.Equal(InvoiceLineItemType.UsageLineItems, first.InvoiceDetails[1].InvoiceLineItemType);
            Assert.Equal("TR0001", Assert.Single(first.TaxReceipts).Id);
            Assert.Equal(new DateTimeOffset(2017, 2, 1, 0, 0, 0, TimeSpan.Zero), first.TaxReceipts[0].CreatedDate);

            Assert.Equal(DocumentType.VoidNote, second.DocumentType);
            Assert.Equal(BillingProvider.OneTime, second.InvoiceDetails[0].BillingProvider);
            var amendment = Assert.Single(second.Amendments);
            Assert.Equal("G000024130", amendment.AmendsOf);
            Assert.Equal(DocumentType.AdjustmentNote, amendment.DocumentType);
            Assert.Equal(107661.12m, amendment.TotalCharges);
        }

        [Fact]
        public void An_empty_date_string_reads_as_no_date()
        {
            var second = ReadSample().Items[1];
            Assert.Null(second.BillingPeriodStartDate);
            Assert.Null(second.BillingPeriodEndDate);
            Assert.Equal(new DateTimeOffset(2018, 2, 8, 1, 22, 47, 603, TimeSpan.Zero).AddTicks(8950), second.InvoiceDate);
        }

        [Fact]
        public void Maps_the_collection_envelope_and_next_link_headers()
        {
            var page = ReadSample();

            Assert.Equal(2, page.TotalCount);
            Assert.Equal("abc123", page.ContinuationToken);
            Assert.Equal("Collection", page.Attributes!.ObjectType);
            Assert.Equal("/invoices?size=2&offset=0", page.Links!.Self!.Uri);
            Assert.Equal("/invoices?size=2&seekOperation=Next", page.Links.Next!.Uri);
            var header = Assert.Single(page.Links.Next.Headers!);
            Assert.Equal("MS-ContinuationToken", header.Key);
            Assert.Equal("abc123", header.Value);
        }

        [Fact]
        public void Collections_summarise_themselves_in_one_csv_cell()
        {
            var page = ReadSample();
            Assert.Equal("Office/BillingLineItems;Azure/UsageLineItems", page.Items[0].InvoiceDetails.ToString());
            Assert.Equal("TR0001", page.Items[0].TaxReceipts.ToString());
            Assert.Equal("G000024131", page.Items[1].Amendments.ToString());
            Assert.Equal(string.Empty, page.Items[0].Amendments.ToString());
        }

        [Fact]
        public void Malformed_json_is_an_error_not_a_partial_page()
        {
            var truncated = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "invoices-page.json"))[..500];
            Assert.ThrowsAny<JsonException>(() =>
                JsonSerializer.Deserialize(truncated, PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice));
        }
    }
}
