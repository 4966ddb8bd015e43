using System;
using System.Globalization;
using System.IO;
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
            AuthenticationFailedException auth => WithAction(new ErrorRecord(auth, AuthErrorId(auth), ErrorCategory.AuthenticationError, target), auth.RecommendedAction),
            InvalidEndpointException endpoint => new ErrorRecord(endpoint, "InvalidEndpoint", ErrorCategory.InvalidArgument, endpoint.Endpoint),
            InvalidServiceResponseException invalid => new ErrorRecord(invalid, "InvalidServiceResponse", ErrorCategory.InvalidResult, target),
            UntrustedServerCertificateException tls => new ErrorRecord(tls, "ServerCertificateNotTrusted", ErrorCategory.SecurityError, tls.Server),
            DestinationWriteException write => new ErrorRecord(write, "WriteFailed", ErrorCategory.WriteError, target),
            TimeoutException timeout => new ErrorRecord(timeout, "RequestTimedOut", ErrorCategory.OperationTimeout, target),
            HttpRequestException http => new ErrorRecord(http, "ConnectionFailed", ErrorCategory.ConnectionError, target),
            InvalidServiceIdException id => new ErrorRecord(id, InvalidIdErrorId(id), ErrorCategory.InvalidArgument, target),
            ArgumentException argument => new ErrorRecord(WithoutParameterName(argument), "InvalidArgument", ErrorCategory.InvalidArgument, target),
            _ => null,
        };

        /// <summary>A file the module writes could not be written: the ids and categories Export-PcCsv uses, naming the file the user asked for.</summary>
        /// <remarks>A temporary file beside the target is the module's own detail; its name in a message would only mislead.</remarks>
        public static ErrorRecord? LocalWriteFailed(Exception exception, string target, string? temporaryFile = null)
        {
            var cause = exception is DestinationWriteException { InnerException: Exception inner } ? inner : exception;
            var reason = temporaryFile is null ? cause.Message : cause.Message.Replace(temporaryFile, target);
            return cause switch
            {
                UnauthorizedAccessException => new ErrorRecord(new UnauthorizedAccessException($"Could not write '{target}': {reason}", cause),
                    "WriteFailed", ErrorCategory.PermissionDenied, target),
                IOException => new ErrorRecord(new IOException($"Could not write '{target}': {reason}", cause), "WriteFailed", ErrorCategory.WriteError, target),
                _ => null,
            };
        }

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
            if (api.StatusCode == HttpStatusCode.Unauthorized && api.ServiceCode == MultiFactorRequiredCode)
            {
                record.ErrorDetails = new ErrorDetails(api.Message + " Partner Center accepts App+User sign-in only with multi-factor authentication: " +
                    "sign in again with multi-factor authentication.")
                {
                    RecommendedAction = "Sign in as the user with multi-factor authentication to get a new refresh token (Connect-PcAccount " +
                        "-UseDeviceAuthentication at a console, or your Secure Application Model consent flow), then connect with that " +
                        "-RefreshToken. Refresh tokens from a sign-in without MFA keep failing.",
                };
                return record;
            }
            if ((int)api.StatusCode == 429 && api.RetryAfter is TimeSpan wait)
            {
                var retry = PcSession.Current?.Settings.Retry;
                record.ErrorDetails = new ErrorDetails(api.Message + $" The service asked to wait {wait.TotalSeconds:0} s; the module waits and retries only " +
                    (retry is null ? "within Connect-PcAccount -MaxRetry and -RetryTimeLimitSeconds."
                        : $"within Connect-PcAccount -MaxRetry ({retry.MaxRetries}) and -RetryTimeLimitSeconds ({retry.TimeLimit.TotalSeconds:0} s)."))
                {
                    RecommendedAction = "Run the command again later, or connect with a -RetryTimeLimitSeconds longer than the wait the service asks for.",
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

        // One id per kind of id, whichever cmdlet was given it: InvalidInvoiceId, InvalidTaxReceiptId.
        private static string InvalidIdErrorId(InvalidServiceIdException id) =>
            "Invalid" + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(id.What).Replace(" ", string.Empty);

        // Partner Center's answer to an App+User token obtained without multi-factor authentication (from 1 April 2026).
        private const string MultiFactorRequiredCode = "900421";

        private static ErrorRecord WithAction(ErrorRecord record, string? action)
        {
            if (action is not null) record.ErrorDetails = new ErrorDetails(record.Exception.Message) { RecommendedAction = action };
            return record;
        }

        /// <summary>The same record, its exception's message without .NET's "(Parameter 'name')" suffix, which names a
        /// variable of the library rather than anything the user typed.</summary>
        public static ErrorRecord WithoutParameterName(ErrorRecord record) =>
            record.Exception is ArgumentException { ParamName: not null } argument
                ? new ErrorRecord(WithoutParameterName(argument), record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject)
                {
                    ErrorDetails = record.ErrorDetails,
                }
                : record;

        private static Exception WithoutParameterName(ArgumentException argument)
        {
            if (argument.ParamName is null) return argument;
            var message = ParameterSuffix.Replace(argument.Message, string.Empty);
            return argument is ArgumentOutOfRangeException ? new ArgumentOutOfRangeException(message, argument) : new ArgumentException(message, argument);
        }

        // .NET Core: "… (Parameter 'from')"; .NET Framework: "…\r\nParameter name: from".
        private static readonly System.Text.RegularExpressions.Regex ParameterSuffix =
            new System.Text.RegularExpressions.Regex(@"(\s*\(Parameter '[^']*'\)|\r?\nParameter name: .*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static string AuthErrorId(AuthenticationFailedException auth) => auth.ErrorCode switch
        {
            "TokenExpired" => "AccessTokenExpired",
            _ => "AuthenticationFailed",
        };
    }
}
