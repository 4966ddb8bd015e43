using System;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Reads the <c>exp</c> claim of a token when it is a JWT; any other token has no known expiry.</summary>
    /// <remarks>The signature is not checked: the value only decides when to stop using the token early.</remarks>
    public static class JwtExpiry
    {
        public static DateTimeOffset? TryRead(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3 || parts[1].Length == 0) return null;
            try
            {
                using var payload = JsonDocument.Parse(Encoding.UTF8.GetString(DecodeBase64Url(parts[1])));
                if (payload.RootElement.ValueKind == JsonValueKind.Object &&
                    payload.RootElement.TryGetProperty("exp", out var exp) &&
                    exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var seconds))
                {
                    return DateTimeOffset.FromUnixTimeSeconds(seconds);
                }
            }
            catch (FormatException) { }
            catch (JsonException) { }
            catch (ArgumentOutOfRangeException) { }
            return null;
        }

        private static byte[] DecodeBase64Url(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return Convert.FromBase64String(base64);
        }
    }
}
