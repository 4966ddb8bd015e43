using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>What one export covers, resolved from its request: kind, fields, invoice or period, currency, billing month.</summary>
/// <remarks>
/// Its <see cref="Key"/> is a hash of the seed and everything that decides the lines, so the same export asked
/// twice (or in another run with the same seed) is the same bytes under the same blob names.
/// </remarks>
internal sealed record ExportScope
{
    /// <summary>The data's "now" (see <see cref="InvoiceGenerator.BaseDate"/>): the current unbilled period is this month.</summary>
    public static readonly DateTime CurrentPeriodStart = new(InvoiceGenerator.BaseDate.Year, InvoiceGenerator.BaseDate.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public required ExportKind Kind { get; init; }
    public required AttributeSet AttributeSet { get; init; }

    /// <summary>The invoice id as the list spells it, or "" for an unbilled export.</summary>
    public required string InvoiceNumber { get; init; }

    public required Currency Currency { get; init; }
    public required DateTime MonthStart { get; init; }
    public required ulong Key { get; init; }

    /// <summary>The blob directory below the host, from the container on: <c>/reconexports/v1/PartnerTenantId=…/…/PartitionType=default</c>.</summary>
    public required string Directory { get; init; }

    public bool IsUsage => Kind is ExportKind.BilledUsage or ExportKind.UnbilledUsage;

    public DateTime MonthEnd => MonthStart.AddMonths(1).AddDays(-1);

    /// <summary>The scope of a billed export of <paramref name="invoice"/> (a new-commerce one: the caller checked).</summary>
    public static ExportScope ForInvoice(ExportRequest request, in Invoice invoice, string invoiceNumber, long seed, Guid partnerTenantId)
    {
        var month = new DateTime(invoice.BillingPeriodStart.Year, invoice.BillingPeriodStart.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var directory = string.Create(CultureInfo.InvariantCulture,
            $"/{BlobContainer.Name}/v1/PartnerTenantId={partnerTenantId}/Export={Segment(request.Kind)}/BillingMonth={month:yyyyMM}/InvoiceId={invoiceNumber}/InvoiceVersion=1/Fragment={Fragment(request.AttributeSet)}/PartitionType=default");
        return new ExportScope
        {
            Kind = request.Kind,
            AttributeSet = request.AttributeSet,
            InvoiceNumber = invoiceNumber,
            Currency = invoice.Currency,
            MonthStart = month,
            Key = KeyOf(seed, directory),
            Directory = directory,
        };
    }

    /// <summary>The scope of an unbilled export: this month or the last, in the requested currency.</summary>
    public static ExportScope ForPeriod(ExportRequest request, long seed, Guid partnerTenantId)
    {
        var month = request.LastPeriod ? CurrentPeriodStart.AddMonths(-1) : CurrentPeriodStart;
        var directory = string.Create(CultureInfo.InvariantCulture,
            $"/{BlobContainer.Name}/v1/PartnerTenantId={partnerTenantId}/Export={Segment(request.Kind)}/BillingMonth={month:yyyyMM}/Currency={request.Currency!.CodeText}/Fragment={Fragment(request.AttributeSet)}/PartitionType=default");
        return new ExportScope
        {
            Kind = request.Kind,
            AttributeSet = request.AttributeSet,
            InvoiceNumber = "",
            Currency = request.Currency,
            MonthStart = month,
            Key = KeyOf(seed, directory),
            Directory = directory,
        };
    }

    private static string Segment(ExportKind kind) => kind switch
    {
        ExportKind.BilledReconciliation => "billedreconciliation",
        ExportKind.UnbilledReconciliation => "unbilledreconciliation",
        ExportKind.BilledUsage => "billedusage",
        _ => "unbilledusage",
    };

    private static string Fragment(AttributeSet set) => set == AttributeSet.Full ? "full" : "basic";

    // Not string.GetHashCode: that is randomized per process, and the bytes must not be.
    private static ulong KeyOf(long seed, string directory) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}|{directory}"))));
}
