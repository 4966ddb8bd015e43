using System;
using System.Text.RegularExpressions;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Hides the signature of a shared access signature (the <c>sig=</c> query parameter) in anything shown.</summary>
    /// <remarks>
    /// A SAS URL is a bearer credential for the export files until it expires: with <c>sig</c> hidden
    /// the rest (expiry, permissions, path) still helps troubleshooting and grants nothing.
    /// </remarks>
    public static class SasRedaction
    {
        private static readonly Regex Signature = new Regex(@"(?<=(^|[?&;\s])sig=)[^&#\s""']*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string Redact(string? text) => string.IsNullOrEmpty(text) ? text ?? string.Empty : Signature.Replace(text, "[redacted]");

        public static string Redact(Uri? uri) => uri is null ? string.Empty : Redact(uri.ToString());
    }
}
