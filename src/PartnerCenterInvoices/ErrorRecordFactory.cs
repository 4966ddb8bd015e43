using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;

namespace PartnerCenterInvoices
{
    /// <summary>Turns the client library's exceptions into ErrorRecords with stable ids and precise categories.</summary>
    internal static class ErrorRecordFactory
    {
        public static ErrorRecord NotConnected() =>
            new ErrorRecord(
                new InvalidOperationException("You are not connected to Partner Center. Run Connect-PcAccount first."),
                "NotConnected", ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails("You are not connected to Partner Center. Run Connect-PcAccount first.")
                {
                    RecommendedAction = "Run Connect-PcAccount with your application's credentials, or with -AccessToken.",
                },
            };

        /// <summary>The ErrorRecord for an exception the client library is known to throw, or null for anything else.</summary>
        public static ErrorRecord? FromException(Exception exception, object? target) => exception switch
        {
            PartnerCenterApiException api => FromApiException(api),
            BillingExportException export => FromExportException(export, target),
            AuthenticationFailedException auth => new ErrorRecord(auth, AuthErrorId(auth), ErrorCategory.AuthenticationError, target),
            InvalidServiceResponseException invalid => new ErrorRecord(invalid, "InvalidServiceResponse", ErrorCategory.InvalidResult, target),
            UntrustedServerCertificateException tls => new ErrorRecord(tls, "ServerCertificateNotTrusted", ErrorCategory.SecurityError, tls.Server),
            DestinationWriteException write => new ErrorRecord(write, "WriteFailed", ErrorCategory.WriteError, target),
            TimeoutException timeout => new ErrorRecord(timeout, "RequestTimedOut", ErrorCategory.OperationTimeout, target),
            HttpRequestException http => new ErrorRecord(http, "ConnectionFailed", ErrorCategory.ConnectionError, target),
            ArgumentException argument => new ErrorRecord(argument, "InvalidArgument", ErrorCategory.InvalidArgument, target),
            _ => null,
        };

        public static ErrorRecord Timeout(Exception exception, object? target) =>
            new ErrorRecord(new TimeoutException("Partner Center did not answer in time.", exception), "RequestTimedOut",
                ErrorCategory.OperationTimeout, target);

        private static ErrorRecord FromExportException(BillingExportException export, object? target)
        {
            var (id, category) = export.Failure switch
            {
                BillingExportFailure.Failed when export.ServiceCode == "5000" => ("ExportFailed", ErrorCategory.ObjectNotFound),
                BillingExportFailure.Failed => ("ExportFailed", ErrorCategory.InvalidResult),
                BillingExportFailure.TimedOut => ("ExportTimedOut", ErrorCategory.OperationTimeout),
                BillingExportFailure.NotAvailableInCloud => ("GraphBillingNotAvailable", ErrorCategory.InvalidOperation),
                BillingExportFailure.NoGraphToken => ("GraphTokenMissing", ErrorCategory.AuthenticationError),
                _ => ("InvalidExport", ErrorCategory.InvalidResult),
            };
            var record = new ErrorRecord(export, id, category, target);
            if (export.Advice is not null) record.ErrorDetails = new ErrorDetails(export.Message) { RecommendedAction = export.Advice };
            return record;
        }

        private static ErrorRecord FromApiException(PartnerCenterApiException api)
        {
            var (id, category) = (int)api.StatusCode switch
            {
                400 => ("ApiBadRequest", ErrorCategory.InvalidArgument),
                401 => ("ApiUnauthorized", ErrorCategory.AuthenticationError),
                403 => ("ApiForbidden", ErrorCategory.PermissionDenied),
                404 => ("ApiNotFound", ErrorCategory.ObjectNotFound),
                408 => ("ApiTimeout", ErrorCategory.OperationTimeout),
                409 => ("ApiConflict", ErrorCategory.ResourceExists),
                429 => ("ApiThrottled", ErrorCategory.LimitsExceeded),
                int status when status >= 500 => ("ApiServerError", ErrorCategory.ResourceUnavailable),
                _ => ("ApiError", ErrorCategory.InvalidOperation),
            };
            var record = new ErrorRecord(api, id, category, api.RequestPath);
            if (api.Service == PartnerCenterApiException.MicrosoftGraph && (api.StatusCode == HttpStatusCode.Forbidden || api.StatusCode == HttpStatusCode.Unauthorized))
            {
                record.ErrorDetails = new ErrorDetails(api.Message)
                {
                    RecommendedAction = api.StatusCode == HttpStatusCode.Forbidden
                        ? "The billing exports need Microsoft Graph's PartnerBilling.Read.All permission (application for app-only sign-in, delegated for App+User) " +
                          "with admin consent in the partner tenant: grant it to the app registration, then run Connect-PcAccount again."
                        : "Microsoft Graph refused the token. A token given with -GraphAccessToken cannot be renewed: connect again with a new one " +
                          "(audience https://graph.microsoft.com, PartnerBilling.Read.All), or sign in with application credentials.",
                };
                return record;
            }
            if (api.Service == PartnerCenterApiException.AzureStorage && api.StatusCode == HttpStatusCode.Forbidden)
            {
                record.ErrorDetails = new ErrorDetails(api.Message)
                {
                    RecommendedAction = "The storage account refused the export's SAS even after a fresh one was read from the manifest: run the command again.",
                };
                return record;
            }
            if (api.StatusCode == HttpStatusCode.Unauthorized)
            {
                record.ErrorDetails = new ErrorDetails(api.Message)
                {
                    RecommendedAction = "A token given with -AccessToken cannot be renewed: connect again with a new token, " +
                        "or sign in with application credentials so the module renews tokens itself.",
                };
            }
            if (api.StatusCode == HttpStatusCode.Forbidden)
            {
                record.ErrorDetails = new ErrorDetails(api.Message)
                {
                    RecommendedAction = "Check that the application has Partner Center API access and the account the needed role. " +
                        "Some endpoints accept only App+User sign-in.",
                };
            }
            return record;
        }

        private static string AuthErrorId(AuthenticationFailedException auth) => auth.ErrorCode switch
        {
            "TokenExpired" => "AccessTokenExpired",
            _ => "AuthenticationFailed",
        };
    }
}
