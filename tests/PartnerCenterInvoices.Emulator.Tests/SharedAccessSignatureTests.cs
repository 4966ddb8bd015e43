using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The blob host's SAS tokens: signed for one directory, dead at their expiry to the second, and all retired at once on request.</summary>
public sealed class SharedAccessSignatureTests
{
    private const string Directory = "/reconexports/v1/PartnerTenantId=22222222-2222-2222-2222-222222222222/Export=billedusage/Fragment=full/PartitionType=default";

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static IQueryCollection Query(string sas) =>
        new QueryCollection(QueryHelpers.ParseQuery(sas).ToDictionary(p => p.Key, p => (StringValues)p.Value.ToString()));

    [Fact]
    public void A_token_grants_its_directory_until_its_expiry_and_not_a_second_longer()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 2, 8, 0, 0, 500, TimeSpan.Zero));
        var signatures = new SharedAccessSignatures(clock, TimeSpan.FromSeconds(60));
        var sas = signatures.Mint(Directory);
        Assert.Contains("se=2026-12-02T08%3A01%3A01Z", sas);
        Assert.Contains("sr=d&sp=rl&sdd=5&sig=", sas);

        Assert.Null(signatures.Check(Query(sas), Directory));
        clock.Now = new DateTimeOffset(2026, 12, 2, 8, 1, 0, 999, TimeSpan.Zero);
        Assert.Null(signatures.Check(Query(sas), Directory));
        clock.Now = new DateTimeOffset(2026, 12, 2, 8, 1, 1, TimeSpan.Zero);
        var expired = signatures.Check(Query(sas), Directory);
        Assert.Equal("AuthenticationFailed", expired?.Code);
    }

    [Fact]
    public void A_token_fails_on_another_directory_and_when_any_signed_field_changes()
    {
        var signatures = new SharedAccessSignatures(TimeProvider.System, TimeSpan.FromHours(1));
        var sas = signatures.Mint(Directory);
        Assert.Null(signatures.Check(Query(sas), Directory));
        Assert.NotNull(signatures.Check(Query(sas), Directory.Replace("billedusage", "unbilledusage", StringComparison.Ordinal)));
        Assert.NotNull(signatures.Check(Query(sas.Replace("sp=rl", "sp=rwl", StringComparison.Ordinal)), Directory));
        Assert.NotNull(signatures.Check(Query(sas.Replace("se=2", "se=3", StringComparison.Ordinal)), Directory));
        Assert.NotNull(signatures.Check(Query(sas[..sas.IndexOf("&sig=", StringComparison.Ordinal)]), Directory));
        Assert.NotNull(new SharedAccessSignatures(TimeProvider.System, TimeSpan.FromHours(1)).Check(Query(sas), Directory));
    }

    [Fact]
    public void Expiring_all_kills_every_token_so_far_and_later_tokens_work()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var signatures = new SharedAccessSignatures(clock, TimeSpan.FromHours(1));
        var before = signatures.Mint(Directory);
        clock.Now = clock.Now.AddSeconds(5);
        signatures.ExpireAll();
        Assert.Equal("AuthenticationFailed", signatures.Check(Query(before), Directory)?.Code);
        var after = signatures.Mint(Directory);
        Assert.NotEqual(before, after);
        Assert.Null(signatures.Check(Query(after), Directory));
    }
}
