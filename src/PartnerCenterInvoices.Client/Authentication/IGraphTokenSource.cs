namespace PartnerCenterInvoices.Authentication
{
    /// <summary>A sign-in flow that can also get Microsoft Graph tokens, from the same MSAL application and token cache.</summary>
    public interface IGraphTokenSource
    {
        /// <summary>A provider of Graph tokens (PartnerBilling.Read.All). Creating it requests nothing; its first token is asked for when first needed.</summary>
        IAccessTokenProvider CreateGraphTokenProvider(ConnectionSettings settings);
    }
}
