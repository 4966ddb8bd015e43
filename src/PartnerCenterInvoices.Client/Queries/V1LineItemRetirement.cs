using System;
using System.Linq;
using System.Net;

namespace PartnerCenterInvoices.Queries
{
    /// <summary>Recognises Partner Center's refusal to serve new-commerce line items that moved to Microsoft Graph's v2 exports.</summary>
    /// <remarks>
    /// Microsoft documents that billing periods after March 2025 are served only by the v2 APIs, but
    /// not what v1 answers for them: that answer is UNCONFIRMED. The emulator (with
    /// --retire-v1-line-items) answers 400 with a description naming the v2 API on Microsoft Graph;
    /// also recognised are a 410 Gone, and a 400/403/404/409/501 whose message speaks of v2, Graph, the
    /// reconciliation API, or of the API being retired, deprecated or no longer available.
    /// </remarks>
    public static class V1LineItemRetirement
    {
        private static readonly string[] Phrases =
        {
            "v2", "microsoft graph", "graph api", "reconciliation api", "no longer", "deprecated", "retired", "not supported", "only from",
            "available only", "only available",
        };

        public static bool IsRetirementRefusal(PartnerCenterApiException exception, LineItemQuery query)
        {
            if (exception is null || query is null || !query.IsModernProvider) return false;
            if (exception.Service != PartnerCenterApiException.PartnerCenter) return false;
            var status = (int)exception.StatusCode;
            if (exception.StatusCode == HttpStatusCode.Gone) return true;
            if (status != 400 && status != 403 && status != 404 && status != 409 && status != 501) return false;
            var text = (exception.ServiceMessage ?? string.Empty).ToLowerInvariant();
            return Phrases.Any(phrase => text.IndexOf(phrase, StringComparison.Ordinal) >= 0);
        }
    }
}
