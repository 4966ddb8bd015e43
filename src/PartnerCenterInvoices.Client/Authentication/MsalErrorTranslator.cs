using System;
using System.Text.RegularExpressions;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Turns MSAL's exceptions into the identity service's own words plus what to do about them.</summary>
    internal static class MsalErrorTranslator
    {
        // The service's words start at its AADSTS code and end before the trace lines it appends.
        private static readonly Regex ServiceWords = new Regex(@"AADSTS(?<code>\d+):.*?(?=\s+Trace ID:|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        public static AuthenticationFailedException Translate(MsalException ex, string tenantId)
        {
            var correlationId = (ex as MsalServiceException)?.CorrelationId;
            var match = ServiceWords.Match(ex.Message);
            // MSAL opens many messages with its own boilerplate ("A configuration issue is preventing
            // authentication…"); the identity service's sentence after it is the one that says what is wrong.
            var words = match.Success ? match.Value.Trim() : FirstLine(ex.Message);
            var advice = match.Success ? AdviceFor(match.Groups["code"].Value, tenantId) : null;
            advice ??= ex.ErrorCode switch
            {
                "invalid_client" => "Check the application id and its credential: a client secret's value (not its id) that has not expired, or a certificate registered on the app.",
                "unauthorized_client" => "The application id is not known in this tenant.",
                "invalid_grant" => RefreshTokenAdvice,
                _ => null,
            };
            if (ex is MsalUiRequiredException && ex.ErrorCode != "invalid_grant")
                advice = "The session's sign-in can no longer be renewed without the user: run Connect-PcAccount again.";
            return new AuthenticationFailedException($"Sign-in to tenant '{tenantId}' failed ({ex.ErrorCode}): {words}", ex.ErrorCode, correlationId, ex)
            {
                RecommendedAction = advice,
            };
        }

        private const string RefreshTokenAdvice =
            "The refresh token has expired or was revoked (an unused one dies after 90 days): get a new one by signing in as the user, then connect again.";

        private static string? AdviceFor(string code, string tenantId) => code switch
        {
            "700027" => "The certificate is not registered on the application (or no longer is): upload its public key (.cer) in the app " +
                "registration's 'Certificates & secrets', or sign in with the certificate registered there.",
            "7000215" => "Use the value of a client secret of this application (not the secret's id), from the app registration's 'Certificates & secrets'.",
            "7000222" => "The client secret has expired: create a new one in the app registration's 'Certificates & secrets' and connect with it.",
            "700016" => "The application id is not registered in this tenant: check -ApplicationId and -TenantId, and that the app is consented there.",
            "90002" => $"The tenant '{tenantId}' was not found: check -TenantId (an id or a verified domain) and -Environment.",
            "700082" or "50173" => RefreshTokenAdvice,
            _ => null,
        };

        private static string FirstLine(string text)
        {
            var end = text.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? text : text.Substring(0, end)).Trim();
        }
    }
}
