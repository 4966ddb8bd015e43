using System.Buffers.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>What the stats call a token's audience, read without checking the token (it may be refused later).</summary>
internal static class TokenAudience
{
    /// <summary>"partnercenter", "graph" or "other" for a bearer token in <paramref name="authorization"/>; null without one.</summary>
    public static string? Classify(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization)) return null;
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : authorization;
        var firstDot = token.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : token.IndexOf('.', firstDot + 1);
        if (secondDot < 0 || token.Length > 8192) return "other";
        try
        {
            var reader = new Utf8JsonReader(Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, secondDot - firstDot - 1)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "other";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAudience = reader.ValueTextEquals("aud"u8);
                reader.Read();
                if (!isAudience)
                {
                    reader.Skip();
                    continue;
                }
                var audience = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (string.Equals(audience?.TrimEnd('/'), AccessTokenIssuer.PartnerCenterAudience, StringComparison.OrdinalIgnoreCase)) return "partnercenter";
                return GraphPermission.IsGraph(audience) ? "graph" : "other";
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            // Not a JWT we can read: still a token, of nobody we know.
        }
        return "other";
    }
}
