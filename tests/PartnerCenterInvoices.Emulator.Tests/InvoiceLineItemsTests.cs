namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The split of an invoice total over its billing lines, checked in process for line counts too large to read over HTTP.</summary>
public sealed class InvoiceLineItemsTests
{
    private static readonly BillingProviders[] Providers = [BillingProviders.Azure, BillingProviders.Office, BillingProviders.OneTime, BillingProviders.Marketplace];

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1_000_000)]
    public void The_billing_lines_of_every_detail_add_up_to_the_invoice_total(int? linesPerDetail)
    {
        var invoices = new InvoiceGenerator(7);
        var lineItems = new LineItemGenerator(7, Guid.NewGuid(), linesPerDetail);
        var count = linesPerDetail == 1_000_000 ? 2 : 2_000;
        for (long index = 0; index < count; index++)
        {
            var invoice = invoices.Generate(index);
            foreach (var one in new[] { invoice }.Concat(Enumerable.Range(1, invoice.AmendmentCount).Select(n => invoices.GenerateAmendment(invoice, n))))
            {
                long sum = 0;
                foreach (var provider in Providers)
                {
                    var lines = lineItems.For(one, provider, LineItemKind.Billing);
                    Assert.Equal((one.Providers & provider) != 0, lines.Count > 0);
                    if (linesPerDetail is int n && lines.Count > 0) Assert.Equal(n, lines.Count);
                    long detail = 0;
                    for (long line = 0; line < lines.Count; line++) detail += lines.AmountOf(line);
                    Assert.Equal(lines.ShareMinorUnits, detail);
                    sum += detail;
                }
                Assert.Equal(one.TotalCharges, one.Currency.FromMinorUnits(sum));
            }
        }
    }

    [Fact]
    public void Usage_lines_add_no_money_and_office_has_none()
    {
        var invoices = new InvoiceGenerator(3);
        var lineItems = new LineItemGenerator(3, Guid.NewGuid(), null);
        for (long index = 0; index < 500; index++)
        {
            var invoice = invoices.Generate(index);
            Assert.Equal(0, lineItems.For(invoice, BillingProviders.Office, LineItemKind.Usage).Count);
            foreach (var provider in Providers)
                Assert.Equal(0, lineItems.For(invoice, provider, LineItemKind.Usage).ShareMinorUnits);
        }
    }
}
