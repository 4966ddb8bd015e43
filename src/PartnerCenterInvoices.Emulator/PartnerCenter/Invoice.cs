namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Everything that decides one invoice's JSON, derived by <see cref="InvoiceGenerator"/> from (seed, index).</summary>
/// <remarks>A value type of numbers and shared references: generating a page allocates nothing per invoice.</remarks>
internal readonly struct Invoice
{
    /// <summary>Position in the collection (0 = newest); also the source of the id.</summary>
    public long Index { get; init; }

    /// <summary>0 for a listed invoice; 1 or 2 for an amendment nested in invoice <see cref="Index"/>.</summary>
    public int AmendmentNumber { get; init; }

    public InvoiceType Type { get; init; }
    public DocumentType Document { get; init; }
    public InvoiceState State { get; init; }
    public DateTime InvoiceDate { get; init; }
    public DateTime BillingPeriodStart { get; init; }
    public DateTime BillingPeriodEnd { get; init; }
    public Currency Currency { get; init; }
    public decimal TotalCharges { get; init; }
    public decimal PaidAmount { get; init; }
    public BillingProviders Providers { get; init; }
    public bool IsIndirectProgram { get; init; }

    /// <summary>For a listed void or adjustment note, the index of the older invoice it amends; otherwise -1.</summary>
    public long AmendsIndex { get; init; }

    public int AmendmentCount { get; init; }
    public bool HasTaxReceipt { get; init; }
    public ulong Etag { get; init; }
}
