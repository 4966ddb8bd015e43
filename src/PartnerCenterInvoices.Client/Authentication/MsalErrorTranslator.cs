using System;
using Microsoft.Identity.Client;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Turns MSAL's exceptions into one message a partner admin can act on.</summary>
    internal static class MsalErrorTranslator
    {
        public static AuthenticationFailedException Translate(MsalException ex, string tenantId)
        {
            var correlationId = (ex as MsalServiceException)?.CorrelationId;
            var advice = ex.ErrorCode switch
            {
                "invalid_client" => "Check the application id and its client secret (it may have expired).",
                "unauthorized_client" => "The application id is not known in this tenant.",
                "invalid_grant" => "The refresh token has expired or was revoked (an unused one dies after 90 days): get a new one by signing in as the user, then connect again.",
                "invalid_request" when ex.Message.IndexOf("AADSTS90002", StringComparison.Ordinal) >= 0 =>
                    $"The tenant '{tenantId}' was not found.",
                _ => null,
            };
            if (ex is MsalUiRequiredException && ex.ErrorCode != "invalid_grant")
                advice = "The session's sign-in can no longer be renewed without the user: run Connect-PcAccount again.";
            var message = $"Sign-in to tenant '{tenantId}' failed ({ex.ErrorCode}): {FirstLine(ex.Message)}";
            if (advice is not null) message += " " + advice;
            return new AuthenticationFailedException(message, ex.ErrorCode, correlationId, ex);
        }


        // MSAL appends trace and correlation lines; the first line is the identity service's own words.
        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }
    }
}
