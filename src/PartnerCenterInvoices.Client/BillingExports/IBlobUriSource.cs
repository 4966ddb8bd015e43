using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Gives the download URL (with its SAS) of one export file, and a fresh one when the SAS was refused.</summary>
    internal interface IBlobUriSource
    {
        /// <param name="fresh">The last URL's SAS was refused (expired): read the manifest again for a new one.</param>
        Task<Uri> GetUriAsync(ExportBlob blob, bool fresh, CancellationToken cancellationToken);
    }
}
