using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>Mints and checks directory SAS tokens like the user-delegation SAS a billing manifest carries.</summary>
/// <remarks>
/// <para>
/// A token is <c>sv=2023-11-03&amp;st=…&amp;se=…&amp;sr=d&amp;sp=rl&amp;sdd=N&amp;sig=…</c>; <c>sig</c> is an HMAC-SHA256
/// under a key made at start over the directory, <c>st</c>, <c>se</c> and <c>sp</c>, so changing any of them, or
/// using the token on another directory, fails the signature. <c>st</c> is five minutes back, as SDKs set it
/// against clock skew.
/// </para>
/// <para>
/// <c>POST /_emulator/sas/expire</c> retires the signing key: every token signed so far then reads as
/// expired at the moment of retirement (403 with Azure's expiry detail), and new tokens are signed with a new key.
/// </para>
/// </remarks>
internal sealed class SharedAccessSignatures(TimeProvider time, TimeSpan lifetime)
{
    public const string Version = "2023-11-03";
    private const string Permissions = "rl";

    private readonly Lock _lock = new();
    private byte[] _key = RandomNumberGenerator.GetBytes(32);
    private IReadOnlyList<(byte[] Key, DateTimeOffset RetiredAt)> _retired = [];

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>A fresh token for <paramref name="directory"/> (<c>/reconexports/…</c>), without a leading '?'.</summary>
    public string Mint(string directory)
    {
        var now = time.GetUtcNow();
        var start = Format(now.AddMinutes(-5));
        // Rounded up to the next whole second, so a token never lives shorter than its lifetime.
        var expiry = Format(now.Add(Lifetime).AddTicks(TimeSpan.TicksPerSecond - 1));
        byte[] key;
        lock (_lock) key = _key;
        var signature = Sign(key, directory, start, expiry, Permissions);
        var depth = directory.Split('/', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"sv={Version}&st={Uri.EscapeDataString(start)}&se={Uri.EscapeDataString(expiry)}&sr=d&sp={Permissions}&sdd={depth}&sig={Uri.EscapeDataString(signature)}");
    }

    /// <summary>Every token minted so far expires now.</summary>
    public void ExpireAll()
    {
        lock (_lock)
        {
            _retired = [.. _retired, (_key, time.GetUtcNow())];
            _key = RandomNumberGenerator.GetBytes(32);
        }
    }

    /// <summary>Checks the request's SAS for a blob in <paramref name="directory"/>: null when it grants reading, else the error to send.</summary>
    public StorageError? Check(IQueryCollection query, string directory)
    {
        var start = query["st"].ToString();
        var expiry = query["se"].ToString();
        var permissions = query["sp"].ToString();
        var signature = query["sig"].ToString();
        if (signature.Length == 0 || expiry.Length == 0 || query["sr"].ToString() != "d" || !permissions.Contains('r'))
            return StorageError.SignatureMismatch();

        byte[] key;
        IReadOnlyList<(byte[] Key, DateTimeOffset RetiredAt)> retired;
        lock (_lock) (key, retired) = (_key, _retired);
        var now = time.GetUtcNow();
        DateTimeOffset? expiresAt = Matches(key, directory, start, expiry, permissions, signature) ? Parse(expiry) : null;
        if (expiresAt is null)
        {
            foreach (var (oldKey, retiredAt) in retired)
            {
                if (!Matches(oldKey, directory, start, expiry, permissions, signature)) continue;
                var signedExpiry = Parse(expiry);
                expiresAt = signedExpiry is { } signed && signed < retiredAt ? signed : retiredAt;
                break;
            }
        }
        if (expiresAt is null) return StorageError.SignatureMismatch();
        if (now >= expiresAt) return StorageError.Expired(expiresAt.Value, now);
        if (Parse(start) is { } notBefore && now < notBefore)
            return StorageError.AuthenticationFailed($"Signed start time [{StorageError.Rfc1123(notBefore)}] must be before current time [{StorageError.Rfc1123(now)}]");
        return null;
    }

    private static bool Matches(byte[] key, string directory, string start, string expiry, string permissions, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(key, directory, start, expiry, permissions));
        var actual = Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string Sign(byte[] key, string directory, string start, string expiry, string permissions) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{permissions}\n{start}\n{expiry}\n{directory}")));

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
}
