namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The blob host's reading of Range headers, as HTTP and Azure Storage define them.</summary>
public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-9", 100, 0, 9)]
    [InlineData("bytes=90-", 100, 90, 99)]
    [InlineData("bytes=90-500", 100, 90, 99)]
    [InlineData("bytes=-10", 100, 90, 99)]
    [InlineData("bytes=-500", 100, 0, 99)]
    [InlineData("BYTES=5-5", 100, 5, 5)]
    public void A_single_range_reads_as_its_first_and_last_byte_within_the_blob(string header, long total, long first, long last)
    {
        Assert.True(ByteRange.TryParse(header, total, out var range, out var satisfiable));
        Assert.True(satisfiable);
        Assert.Equal(new ByteRange(first, last), range);
        Assert.Equal(last - first + 1, range.Length);
    }

    [Theory]
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=150-200", 100)]
    [InlineData("bytes=-0", 100)]
    public void A_range_that_starts_past_the_end_is_unsatisfiable(string header, long total)
    {
        Assert.True(ByteRange.TryParse(header, total, out _, out var satisfiable));
        Assert.False(satisfiable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-9")]
    [InlineData("bytes=9-0")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=0-9,20-29")]
    [InlineData("bytes=")]
    public void Anything_else_means_the_whole_blob(string? header)
    {
        Assert.False(ByteRange.TryParse(header, 100, out _, out var satisfiable));
        Assert.True(satisfiable);
    }
}
