using System;
using System.Security.Authentication;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Finds a certificate or TLS failure buried in an exception chain, to explain it plainly.</summary>
    internal static class TlsFailure
    {
        public static Exception? Find(Exception? ex)
        {
            for (; ex is not null; ex = ex.InnerException)
            {
                if (ex is AuthenticationException) return ex;
            }
            return null;
        }
    }
}
