using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App+User sign-in: one first acquisition (refresh token, device code), then MSAL's cache for the session.</summary>
    /// <remarks>
    /// After the first token MSAL holds the user's newest refresh token and renews silently, so a long
    /// export outlives any one access token. The first acquisition is serialised so parallel
    /// runspaces never start two device-code prompts.
    /// </remarks>
    public abstract class UserTokenProvider : IAccessTokenProvider, IGraphTokenSource
    {
        private readonly SemaphoreSlim _firstSignIn = new SemaphoreSlim(1, 1);
        private readonly IClientApplicationBase _application;
        private IAccount? _account;

        private protected UserTokenProvider(IClientApplicationBase application, string[] scopes, MsalCall call)
        {
            _application = application;
            Scopes = scopes;
            Call = call;
        }

        public abstract string AuthenticationKind { get; }
        public bool CanRenew => true;
        public DateTimeOffset? TokenExpiresOn { get; private set; }
        public string? Account => _account?.Username;

        private protected string[] Scopes { get; }
        private protected MsalCall Call { get; }

        /// <summary>Gets the first token of the session: the step that needs the refresh token or the person.</summary>
        private protected abstract Task<AuthenticationResult> AcquireFirstAsync(CancellationToken cancellationToken);

        public async Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            AuthenticationResult result;
            if (_account is null)
            {
                await _firstSignIn.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    result = _account is null
                        ? await Call.RunAsync(() => AcquireFirstAsync(cancellationToken)).ConfigureAwait(false)
                        : await SilentAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _firstSignIn.Release();
                }
                _account ??= result.Account;
            }
            else
            {
                result = await SilentAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            }
            TokenExpiresOn = result.ExpiresOn;
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }

        /// <summary>Graph tokens for the same user, silently from the refresh token MSAL holds: no second sign-in.</summary>
        public IAccessTokenProvider CreateGraphTokenProvider(ConnectionSettings settings) => new GraphUserTokenProvider(this, new[] { settings.GraphUserScope });

        private sealed class GraphUserTokenProvider : IAccessTokenProvider
        {
            private readonly UserTokenProvider _owner;
            private readonly string[] _scopes;

            public GraphUserTokenProvider(UserTokenProvider owner, string[] scopes)
            {
                _owner = owner;
                _scopes = scopes;
            }

            public string AuthenticationKind => _owner.AuthenticationKind;
            public bool CanRenew => true;
            public DateTimeOffset? TokenExpiresOn { get; private set; }
            public string? Account => _owner.Account;

            public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
                GraphConsent.ExplainAsync(async () =>
                {
                    // Connect-PcAccount signed in already; should it not have, the first sign-in happens here, once.
                    if (_owner._account is null) await _owner.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                    var result = await _owner.Call.RunAsync(() => _owner._application.AcquireTokenSilent(_scopes, _owner._account)
                        .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)).ConfigureAwait(false);
                    TokenExpiresOn = result.ExpiresOn;
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }, delegated: true);
        }

        private Task<AuthenticationResult> SilentAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            Call.RunAsync(() => _application.AcquireTokenSilent(Scopes, _account).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken));
    }
}
