namespace PartnerCenterInvoices.Emulator.Tests;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 7)]
    [InlineData(-5, 9_999_999)]
    [InlineData(long.MaxValue, long.MaxValue)]
    public void A_token_reads_back_as_the_index_it_was_made_for(long seed, long index)
    {
        var token = ContinuationToken.Create(seed, index);
        Assert.Matches("^[A-Za-z0-9_-]{16}$", token);
        Assert.True(ContinuationToken.TryRead(token, seed, out var read));
        Assert.Equal(index, read);
    }

    [Fact]
    public void A_token_is_refused_under_another_seed_or_with_any_character_changed()
    {
        var token = ContinuationToken.Create(1, 1234);
        Assert.False(ContinuationToken.TryRead(token, 2, out _));
        for (var i = 0; i < token.Length; i++)
        {
            var edited = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(ContinuationToken.TryRead(edited, 1, out _), $"edited at {i}: {edited}");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_refused_without_throwing(string? token) =>
        Assert.False(ContinuationToken.TryRead(token, 1, out _));
}
