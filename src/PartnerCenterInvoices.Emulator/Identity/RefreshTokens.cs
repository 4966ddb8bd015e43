using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>What a refresh token says, once its integrity is checked.</summary>
internal enum RefreshTokenStatus
{
    Valid,
    Invalid,
    Expired,
    Revoked,
}

/// <summary>A checked refresh token: the user it signs in, the client it was issued to (null: any), and its times.</summary>
internal readonly record struct RefreshTokenGrantInfo(RefreshTokenStatus Status, string UserPrincipalName, string? ClientId,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, bool MultiFactor = true);

/// <summary>Issues and checks refresh tokens: opaque strings that carry their grant, MACed with a key made at start.</summary>
/// <remarks>
/// Nothing is stored, so a soak test can rotate refresh tokens for hours without the emulator growing; a token
/// from another run, or an edited one, fails its MAC. As at Entra ID, redeeming a refresh token returns a new one
/// (with a fresh lifetime) and leaves the old one valid; <see cref="RevokeAll"/> ends every token issued so far.
/// </remarks>
internal sealed class RefreshTokens(TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    // Entra ID's refresh tokens are opaque and start with a version; this prefix only makes them look the part.
    private const string Prefix = "1.AQ";
    private const int MacLength = 32;
    private const int MaxTokenLength = 4096;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _issued;
    private long _revokedThrough;

    /// <param name="clientId">The client that may redeem it, or null for any registered client.</param>
    /// <param name="multiFactor">Whether the user's sign-in used multi-factor authentication; tokens it leads to say so.</param>
    public string Issue(string userPrincipalName, string? clientId, TimeSpan lifetime, bool multiFactor = true)
    {
        var now = time.GetUtcNow();
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteNumber("n", Interlocked.Increment(ref _issued));
            writer.WriteString("u", userPrincipalName);
            if (clientId is not null) writer.WriteString("c", clientId);
            writer.WriteNumber("i", now.ToUnixTimeMilliseconds());
            writer.WriteNumber("e", (now + lifetime).ToUnixTimeMilliseconds());
            if (!multiFactor) writer.WriteBoolean("m", false);
            writer.WriteEndObject();
        }
        var mac = HMACSHA256.HashData(_key, payload.WrittenSpan);
        return Prefix + Base64Url.EncodeToString(payload.WrittenSpan) + "." + Base64Url.EncodeToString(mac);
    }

    public void RevokeAll() => Interlocked.Exchange(ref _revokedThrough, Interlocked.Read(ref _issued));

    public RefreshTokenGrantInfo Check(string token)
    {
        var invalid = new RefreshTokenGrantInfo(RefreshTokenStatus.Invalid, "", null, default, default);
        if (token.Length > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || !Ascii.IsValid(token)) return invalid;
        var dot = token.IndexOf('.', Prefix.Length);
        if (dot < 0) return invalid;

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length, dot - Prefix.Length));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return invalid;
        }
        if (mac.Length != MacLength || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), mac)) return invalid;

        // The MAC holds, so the payload is one this run wrote.
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("i").GetInt64());
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("e").GetInt64());
        var clientId = root.TryGetProperty("c", out var client) ? client.GetString() : null;
        var status = root.GetProperty("n").GetInt64() <= Interlocked.Read(ref _revokedThrough) ? RefreshTokenStatus.Revoked
            : time.GetUtcNow() >= expiresAt ? RefreshTokenStatus.Expired
            : RefreshTokenStatus.Valid;
        var multiFactor = !root.TryGetProperty("m", out var mfa) || mfa.ValueKind != JsonValueKind.False;
        return new RefreshTokenGrantInfo(status, root.GetProperty("u").GetString()!, clientId, issuedAt, expiresAt, multiFactor);
    }
}
