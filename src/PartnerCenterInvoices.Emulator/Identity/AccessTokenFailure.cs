namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>Why the invoice API refused a bearer token; each reason gets its own 401 description.</summary>
internal enum AccessTokenFailure
{
    None,
    Missing,
    Malformed,
    BadSignature,
    Expired,
    NotYetValid,
    WrongAudience,

    /// <summary>Issued before <c>/_emulator/revoke-tokens</c> (or an expire-after fault): refused as if it had expired.</summary>
    Revoked,
}
