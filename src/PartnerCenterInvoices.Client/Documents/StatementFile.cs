using System;
using System.IO;
using System.Linq;
using System.Text;

namespace PartnerCenterInvoices.Documents
{
    /// <summary>Names the file a statement is saved to, from ids the service controls, without ever leaving the chosen folder.</summary>
    /// <remarks>
    /// Invoice and receipt ids come from the service (or the pipeline). Anything that is not a letter,
    /// digit, '-' or '_' becomes '_', so "../x" or "C:\x" can only ever name a file inside the folder;
    /// the full path is checked against the folder as well, as a second line of defence.
    /// </remarks>
    public static class StatementFile
    {
        private const int MaxNameLength = 120;

        public static string FileName(string invoiceId, string? taxReceiptId = null)
        {
            var name = Sanitize(invoiceId) + (string.IsNullOrWhiteSpace(taxReceiptId) ? string.Empty : "-" + Sanitize(taxReceiptId!));
            return name + ".pdf";
        }

        /// <summary>The full path of <paramref name="fileName"/> in <paramref name="folder"/>; throws if it would land anywhere else.</summary>
        public static string PathInFolder(string folder, string fileName)
        {
            var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(Path.Combine(root, fileName));
            if (!full.StartsWith(root, StringComparison.Ordinal) || Path.GetDirectoryName(full) + Path.DirectorySeparatorChar != root)
                throw new ArgumentException($"The file name '{fileName}' would leave the folder '{folder}'.", nameof(fileName));
            return full;
        }

        private static string Sanitize(string id)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The id is empty.", nameof(id));
            var text = new StringBuilder(id.Length);
            foreach (var c in id.Trim().Take(MaxNameLength))
                text.Append(char.IsLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_');
            return text.ToString();
        }
    }
}
