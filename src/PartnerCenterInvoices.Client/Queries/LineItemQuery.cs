using System;
using System.Globalization;

namespace PartnerCenterInvoices.Queries
{
    /// <summary>Which line items of an invoice to read, and the first page's relative URI for them.</summary>
    /// <remarks>
    /// Azure and Office lines of legacy invoices live at <c>/invoices/{id}/lineitems/{provider}/{type}</c>
    /// and page by offset; the onetime and marketplace providers (new commerce) live at
    /// <c>/invoices/{id}/lineitems?provider=…&amp;invoicelineitemtype=…</c> and page by continuation token.
    /// Either way the reader follows the next links the service returns.
    /// </remarks>
    public sealed class LineItemQuery
    {
        /// <summary>The service's documented maximum page size for line items.</summary>
        public const int MaxPageSize = 2000;

        public LineItemQuery(string invoiceId, BillingProvider provider, InvoiceLineItemType lineItemType, int? pageSize = null)
        {
            if (pageSize is int size && (size < 1 || size > MaxPageSize))
                throw new ArgumentOutOfRangeException(nameof(pageSize), size, $"The page size must be between 1 and {MaxPageSize}.");
            InvoiceId = ServiceId.Require(invoiceId, "invoice id");
            Provider = provider ?? throw new ArgumentNullException(nameof(provider));
            LineItemType = lineItemType ?? throw new ArgumentNullException(nameof(lineItemType));
            PageSize = pageSize ?? MaxPageSize;
            if (!IsLegacyProvider && !IsModernProvider)
                throw new ArgumentException($"Line items are read for the Azure, Office, OneTime and Marketplace providers, not '{provider}'.", nameof(provider));
            if (LineItemType != InvoiceLineItemType.BillingLineItems && LineItemType != InvoiceLineItemType.UsageLineItems)
                throw new ArgumentException($"The line item type must be BillingLineItems or UsageLineItems, not '{lineItemType}'.", nameof(lineItemType));
        }

        public string InvoiceId { get; }
        public BillingProvider Provider { get; }
        public InvoiceLineItemType LineItemType { get; }
        public int PageSize { get; }

        public bool IsLegacyProvider => Provider == BillingProvider.Azure || Provider == BillingProvider.Office;
        public bool IsModernProvider => Provider == BillingProvider.OneTime || Provider == BillingProvider.Marketplace;

        public string ToRelativeUri()
        {
            var id = Uri.EscapeDataString(InvoiceId);
            var size = PageSize.ToString(CultureInfo.InvariantCulture);
            if (IsLegacyProvider)
                return $"/invoices/{id}/lineitems/{Provider.Value}/{LineItemType.Value}?size={size}&offset=0";
            var provider = Provider == BillingProvider.OneTime ? "onetime" : "marketplace";
            var type = LineItemType == InvoiceLineItemType.BillingLineItems ? "billinglineitems" : "usagelineitems";
            return $"/invoices/{id}/lineitems?provider={provider}&invoicelineitemtype={type}&size={size}";
        }
    }
}
