using System.Buffers.Binary;
using System.Buffers.Text;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The opaque <c>MS-ContinuationToken</c> of continuation paging: where the next page starts.</summary>
/// <remarks>
/// It holds the raw index of the next matching invoice, so a page costs O(page size) however deep the
/// reader is, plus a checksum over the seed so a token that was edited, truncated or minted by an
/// emulator with other data is refused with a 400 instead of serving the wrong invoices.
/// Base64url of 8 bytes of index and 4 of checksum: 16 characters, safe in a header and a URL.
/// </remarks>
internal static class ContinuationToken
{
    private const int IndexLength = 8;
    private const int ChecksumLength = 4;
    private const int EncodedLength = 16;

    public static string Create(long seed, long nextIndex)
    {
        Span<byte> raw = stackalloc byte[IndexLength + ChecksumLength];
        BinaryPrimitives.WriteInt64LittleEndian(raw, nextIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(raw[IndexLength..], Checksum(seed, nextIndex));
        return Base64Url.EncodeToString(raw);
    }

    public static bool TryRead(string? token, long seed, out long nextIndex)
    {
        nextIndex = 0;
        if (token is null || token.Length != EncodedLength) return false;
        Span<byte> raw = stackalloc byte[IndexLength + ChecksumLength];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, raw, out written)) return false;
        }
        catch (FormatException)
        {
            return false;
        }
        if (written != raw.Length) return false;
        var index = BinaryPrimitives.ReadInt64LittleEndian(raw);
        if (index < 0 || BinaryPrimitives.ReadUInt32LittleEndian(raw[IndexLength..]) != Checksum(seed, index)) return false;
        nextIndex = index;
        return true;
    }

    private static uint Checksum(long seed, long index) =>
        (uint)InvoiceGenerator.Mix((ulong)seed * 0xD6E8_FEB8_6659_FD93UL ^ InvoiceGenerator.Mix((ulong)index ^ 0xC0DE_C0DE_C0DE_C0DEUL));
}
