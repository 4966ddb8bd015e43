namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>How <c>GET /v1/invoices</c> hands out its next link.</summary>
internal enum PagingMode
{
    /// <summary>The modern service: <c>seekOperation=Next</c> with an <c>MS-ContinuationToken</c> header.</summary>
    Continuation,

    /// <summary>Legacy invoices: <c>offset=M</c> in the next link, no headers.</summary>
    Offset,
}
