using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Tells whether a server that dropped a plain-http request speaks TLS on that port.</summary>
    /// <remarks>
    /// An https server closes a plain-http connection without a word, which looks like any dropped
    /// connection. The probe starts a TLS handshake and only notes whether the server presents a
    /// certificate; it rejects that certificate, so no handshake completes and nothing is sent.
    /// </remarks>
    internal static class TlsProbe
    {
        public static async Task<bool> SpeaksTlsAsync(Uri uri, CancellationToken cancellationToken)
        {
            var presented = false;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                using var client = new TcpClient();
                using (timeout.Token.Register(() => client.Dispose()))
                {
                    await client.ConnectAsync(uri.DnsSafeHost, uri.Port).ConfigureAwait(false);
                    using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
                    {
                        presented = certificate is not null;
                        return false;
                    });
                    await tls.AuthenticateAsClientAsync(uri.DnsSafeHost).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is SocketException or System.IO.IOException or System.Security.Authentication.AuthenticationException or
                ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // Whatever ended the probe, the answer is whether a certificate was offered.
            }
            return presented;
        }
    }
}
