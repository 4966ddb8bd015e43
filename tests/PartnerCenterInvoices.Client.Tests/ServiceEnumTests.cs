using System.Text.Json;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class ServiceEnumTests
    {
        [Theory]
        [InlineData("one_time")]
        [InlineData("OneTime")]
        [InlineData("oneTime")]
        [InlineData("ONETIME")]
        public void Every_spelling_the_service_uses_means_the_same_value(string spelling)
        {
            var value = new InvoiceType(spelling);
            Assert.Equal(InvoiceType.OneTime, value);
            Assert.Equal("OneTime", value.ToString());
            Assert.True(value.IsKnown);
        }

        [Fact]
        public void A_value_the_service_adds_later_is_kept_as_sent()
        {
            var value = new DocumentType("credit_memo");
            Assert.False(value.IsKnown);
            Assert.Equal("credit_memo", value.ToString());
            Assert.Equal(new DocumentType("CreditMemo"), value);
            Assert.NotEqual(DocumentType.Invoice, value);
        }

        [Fact]
        public void Equals_a_string_so_PowerShell_eq_works()
        {
            Assert.True(BillingProvider.Azure.Equals("azure"));
            Assert.True(DocumentType.VoidNote.Equals("void_note"));
            Assert.False(DocumentType.VoidNote.Equals("invoice"));
        }

        [Fact]
        public void Reads_null_and_empty_as_no_value()
        {
            var detail = JsonSerializer.Deserialize("{\"billingProvider\":null,\"invoiceLineItemType\":\"\"}",
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice.Options.GetTypeInfo(typeof(InvoiceDetail)))
                as InvoiceDetail;
            Assert.NotNull(detail);
            Assert.Null(detail!.BillingProvider);
            Assert.Null(detail.InvoiceLineItemType);
        }
    }
}
