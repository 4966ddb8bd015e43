using System.Runtime.CompilerServices;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Makes invoice number <c>index</c> of a data set as a pure function of (seed, index); nothing is stored.</summary>
/// <remarks>
/// <para>
/// Ten million invoices cost no memory and any page is as cheap as the first. Type and date come from one
/// cheap hash (<see cref="Classify"/>) so a filtered read can scan past millions of non-matching invoices;
/// the rest of an invoice is derived only for those actually written.
/// </para>
/// <para>
/// Dates go back in time as the index grows, newest first: invoice <c>i</c> falls somewhere in the 90-minute
/// slot <c>i</c> before <see cref="BaseDate"/>, truncated to midnight as the service's invoice dates are.
/// About 16 invoices a day is denser than a real partner sees, but it is what lets ten million invoices
/// (about 1,700 years) fit before year 1; and because slots never overlap, dates never rise with the index,
/// which lets a date filter binary-search its first candidate.
/// </para>
/// </remarks>
internal sealed class InvoiceGenerator(long seed)
{
    /// <summary>The newest possible invoice date: fixed, not "now", so every run serves the same bytes.</summary>
    public static readonly DateTime BaseDate = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private const long MinutesPerInvoice = 90;
    private const long MinutesPerDay = 24 * 60;
    private const int RecurringPercent = 70;
    private const int OpenForDays = 3;

    private readonly ulong _seedKey = Mix((ulong)seed ^ 0x5EED_0F_1A_F0_1CE5UL);

    public long Seed => seed;

    /// <summary>The two facts a query filters on, from one hash: type and invoice date (as UTC ticks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Classify(long index, out InvoiceType type, out long invoiceDateTicks)
    {
        var hash = ClassifyingHash(index);
        type = TypeFrom(hash);
        invoiceDateTicks = DateTicksFrom(index, hash);
    }

    public InvoiceType TypeOf(long index) => TypeFrom(ClassifyingHash(index));

    public long InvoiceDateTicksOf(long index) => DateTicksFrom(index, ClassifyingHash(index));

    public Invoice Generate(long index)
    {
        var classifying = ClassifyingHash(index);
        var type = TypeFrom(classifying);
        var date = new DateTime(DateTicksFrom(index, classifying), DateTimeKind.Utc);
        var money = Mix(classifying ^ 0xA11C_E5B0_B5EE_D001UL);
        var shape = Mix(money ^ 0x0DDB_A115_CAFE_F00DUL);

        var document = Percent(money, 0) switch
        {
            < 90 => DocumentType.Invoice,
            < 94 => DocumentType.VoidNote,
            _ => DocumentType.AdjustmentNote,
        };
        var currency = Currency.Pick(Percent(money, 8));
        var (start, end) = BillingPeriod(type, date, (money >> 56 & 1) == 0);

        var cents = document == DocumentType.AdjustmentNote
            ? 100 + (long)(money >> 16 & 0xFFFFFF) % 250_000      // adjustments are small corrections
            : 2_500 + (long)(money >> 16 & 0xFFFFFF) % 8_000_000;   // $25 to $80,025
        if (document == DocumentType.VoidNote || (document == DocumentType.AdjustmentNote && (money >> 57 & 1) == 1)) cents = -cents;
        var total = currency.FromCents(cents);

        var (state, paidCents) = document switch
        {
            DocumentType.VoidNote => (InvoiceState.Paid, cents),
            _ => Settlement(date, cents, shape),
        };

        var providers = type == InvoiceType.Recurring
            ? (BillingProviders)(1 + (int)((shape >> 16) % 3)) | ((shape >> 20 & 3) == 0 ? BillingProviders.Marketplace : 0)
            : BillingProviders.OneTime | ((shape >> 18 & 1) == 0 ? BillingProviders.Marketplace : 0);

        return new Invoice
        {
            Index = index,
            Type = type,
            Document = document,
            State = state,
            InvoiceDate = date,
            BillingPeriodStart = start,
            BillingPeriodEnd = end,
            Currency = currency,
            TotalCharges = total,
            PaidAmount = currency.FromCents(paidCents),
            Providers = providers,
            IsIndirectProgram = Percent(money, 40) < 15,
            AmendsIndex = document == DocumentType.Invoice ? -1 : OlderInvoiceOfType(index, type, shape),
            AmendmentCount = document == DocumentType.Invoice && Percent(shape, 24) < 10 ? 1 + (int)(shape >> 32 & 1) : 0,
            HasTaxReceipt = document == DocumentType.Invoice && Percent(shape, 40) < 20,
            Etag = Mix(shape),
        };
    }

    /// <summary>Amendment <paramref name="number"/> (1-based) of <paramref name="parent"/>: an adjustment note dated after it.</summary>
    public Invoice GenerateAmendment(in Invoice parent, int number)
    {
        var hash = Mix(parent.Etag ^ (ulong)number * 0x9E37_79B9_7F4A_7C15UL);
        var cents = 100 + (long)(hash % 50_000);
        if ((hash >> 60 & 1) == 0) cents = -cents;
        var paid = parent.State == InvoiceState.Paid;
        return parent with
        {
            AmendmentNumber = number,
            Document = DocumentType.AdjustmentNote,
            State = paid ? InvoiceState.Paid : InvoiceState.Open,
            InvoiceDate = parent.InvoiceDate.AddDays(7 * number),
            TotalCharges = parent.Currency.FromCents(cents),
            PaidAmount = parent.Currency.FromCents(paid ? cents : 0),
            AmendsIndex = parent.Index,
            AmendmentCount = 0,
            HasTaxReceipt = false,
            Etag = Mix(hash),
        };
    }

    private static (DateTime Start, DateTime End) BillingPeriod(InvoiceType type, DateTime date, bool sameDay)
    {
        if (type == InvoiceType.Recurring)
        {
            // A recurring invoice bills the calendar month before the one it is dated in.
            var monthStart = new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            return (monthStart.AddMonths(-1), monthStart.AddDays(-1));
        }
        return sameDay ? (date, date) : (date.AddMonths(-1), date.AddDays(-1));
    }

    // The newest invoices (a few days' worth, about 50 at this density) are still open; older ones are
    // mostly paid, some past due. Open and past-due invoices are unpaid or partly paid.
    private static (InvoiceState State, long PaidCents) Settlement(DateTime date, long cents, ulong hash)
    {
        var ageInDays = (BaseDate - date).Days;
        var state = ageInDays < OpenForDays ? InvoiceState.Open : Percent(hash, 0) < 85 ? InvoiceState.Paid : InvoiceState.PastDue;
        if (state == InvoiceState.Paid) return (state, cents);
        var partlyPaid = Percent(hash, 8) < 30;
        return (state, partlyPaid ? cents * (10 + Percent(hash, 48) * 80 / 100) / 100 : 0);
    }

    // A note amends an older invoice of its own type a few places further down the list.
    private long OlderInvoiceOfType(long index, InvoiceType type, ulong hash)
    {
        var older = index + 1 + (long)(hash >> 48 & 0xF);
        while (TypeOf(older) != type) older++;
        return older;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ClassifyingHash(long index) => Mix(_seedKey + (ulong)index * 0x9E37_79B9_7F4A_7C15UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static InvoiceType TypeFrom(ulong hash) => (hash & 0xFFFF) * 100 >> 16 < RecurringPercent ? InvoiceType.Recurring : InvoiceType.OneTime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long DateTicksFrom(long index, ulong hash)
    {
        var minutesBack = index * MinutesPerInvoice + (long)((hash >> 32) % MinutesPerInvoice);
        return BaseDate.Ticks - minutesBack / MinutesPerDay * TimeSpan.TicksPerDay;
    }

    private static int Percent(ulong hash, int shift) => (int)((hash >> shift & 0xFF) * 100 >> 8);

    // SplitMix64's finalizer: cheap, and every input bit moves every output bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58_476D_1CE4_E5B9UL;
        x ^= x >> 27;
        x *= 0x94D0_49BB_1331_11EBUL;
        return x ^ (x >> 31);
    }
}
