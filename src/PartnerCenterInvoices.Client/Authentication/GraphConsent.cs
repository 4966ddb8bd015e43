using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Says, when a Graph token cannot be had, which permission the app registration lacks.</summary>
    internal static class GraphConsent
    {
        public const string Permission = "PartnerBilling.Read.All";

        public static async Task<AccessToken> ExplainAsync(Func<Task<AccessToken>> acquire, bool delegated)
        {
            try
            {
                return await acquire().ConfigureAwait(false);
            }
            catch (AuthenticationFailedException ex)
            {
                var kind = delegated ? "delegated" : "application";
                throw new AuthenticationFailedException(
                    $"No Microsoft Graph token for the billing exports: {ex.Message} The app registration needs Microsoft Graph's {Permission} " +
                    $"permission ({kind}) with admin consent in the partner tenant; grant it, then run Connect-PcAccount again.",
                    ex.ErrorCode, ex.CorrelationId, ex);
            }
        }
    }
}
