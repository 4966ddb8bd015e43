using System;
using System.Linq;

namespace PartnerCenterInvoices
{
    /// <summary>Checks an id before it becomes a URL path segment.</summary>
    /// <remarks>
    /// Escaping is not enough: "." and ".." survive Uri.EscapeDataString and are then collapsed by Uri,
    /// so "-InvoiceId .." would request the version root with the partner's token. Ids of invoices,
    /// receipts and the like are letters, digits, '-' and '_' in practice; anything with a path
    /// separator, a dot-only name or a control character is refused.
    /// </remarks>
    public static class ServiceId
    {
        public static string Require(string? id, string what)
        {
            var trimmed = id?.Trim() ?? string.Empty;
            if (trimmed.Length == 0) throw new InvalidServiceIdException($"The {what} is empty.", what);
            if (trimmed.All(c => c == '.') || trimmed.IndexOfAny(new[] { '/', '\\', '?', '#', '%' }) >= 0 || trimmed.Any(char.IsControl))
                throw new InvalidServiceIdException($"'{trimmed}' is not a valid {what}: an id cannot be dots alone or hold '/', '\\', '?', '#', '%' or control characters.", what);
            return trimmed;
        }
    }
}
