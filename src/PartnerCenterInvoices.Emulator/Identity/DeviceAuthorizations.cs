using System.Security.Cryptography;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>Where a device code stands.</summary>
internal enum DeviceCodeState
{
    Pending,
    Approved,
    Declined,
    Redeemed,
}

/// <summary>One device code sign-in waiting for, or past, the user's approval.</summary>
internal sealed class DeviceAuthorization(string deviceCode, string userCode, string clientId, UserScope scope, DateTimeOffset expiresAt)
{
    public string DeviceCode { get; } = deviceCode;
    public string UserCode { get; } = userCode;
    public string ClientId { get; } = clientId;
    public UserScope Scope { get; } = scope;
    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;
    public DeviceCodeState State { get; set; }
    public UserAccount? User { get; set; }
}

/// <summary>The device codes handed out and not yet forgotten; the test steers them through <c>/_emulator/devicecode/*</c>.</summary>
/// <remarks>
/// Codes are kept until an hour after they expire, so a late poll still gets <c>expired_token</c>, then
/// dropped when the next code is handed out. One lock guards them all: sign-ins are few.
/// </remarks>
internal sealed class DeviceAuthorizations(TimeProvider time)
{
    // Entra ID's user codes are 9 letters and digits; no vowels here, so no code spells a word, and no 0/O or 1/I.
    private const string UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ23456789";
    private const int UserCodeLength = 9;
    private static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DeviceAuthorization> _byDeviceCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceAuthorization> _byUserCode = new(StringComparer.OrdinalIgnoreCase);

    public DeviceAuthorization Start(string clientId, UserScope scope, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var stale in _byDeviceCode.Values.Where(a => a.ExpiresAt + KeepAfterExpiry < now).ToList())
            {
                _byDeviceCode.Remove(stale.DeviceCode);
                _byUserCode.Remove(stale.UserCode);
            }

            string userCode;
            do userCode = RandomNumberGenerator.GetString(UserCodeAlphabet, UserCodeLength);
            while (_byUserCode.ContainsKey(userCode));
            var deviceCode = "DAQABIQEAAAD" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var authorization = new DeviceAuthorization(deviceCode, userCode, clientId, scope, now + lifetime);
            _byDeviceCode.Add(deviceCode, authorization);
            _byUserCode.Add(userCode, authorization);
            return authorization;
        }
    }

    public bool IsExpired(DeviceAuthorization authorization) => time.GetUtcNow() >= authorization.ExpiresAt;

    /// <summary>Runs <paramref name="action"/> on the code under the lock, so a poll and an approval never interleave.</summary>
    public T WithDeviceCode<T>(string deviceCode, Func<DeviceAuthorization?, T> action)
    {
        lock (_lock) return action(_byDeviceCode.GetValueOrDefault(deviceCode));
    }

    public T WithUserCode<T>(string userCode, Func<DeviceAuthorization?, T> action)
    {
        lock (_lock) return action(_byUserCode.GetValueOrDefault(userCode.Trim().Replace("-", "", StringComparison.Ordinal)));
    }

    /// <summary>The codes still waiting for the user, oldest first.</summary>
    public IReadOnlyList<DeviceAuthorization> Pending()
    {
        var now = time.GetUtcNow();
        lock (_lock) return [.. _byDeviceCode.Values.Where(a => a.State == DeviceCodeState.Pending && a.ExpiresAt > now).OrderBy(a => a.ExpiresAt)];
    }
}
