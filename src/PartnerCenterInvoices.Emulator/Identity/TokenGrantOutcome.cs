using System.Diagnostics.CodeAnalysis;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>What a grant decided: tokens, or the Entra ID error to answer with.</summary>
internal readonly struct TokenGrantOutcome
{
    private TokenGrantOutcome(IssuedTokens? tokens, EntraError? error)
    {
        Tokens = tokens;
        Error = error;
    }

    public IssuedTokens? Tokens { get; }
    public EntraError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Tokens))]
    public bool Succeeded => Tokens is not null;

    public static implicit operator TokenGrantOutcome(IssuedTokens tokens) => new(tokens, null);
    public static implicit operator TokenGrantOutcome(EntraError error) => new(null, error);
}
