namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>One form-encoded request to <c>/{tenant}/oauth2/v2.0/token</c>, as a grant sees it.</summary>
internal sealed class TokenRequest(string tenant, IFormCollection form)
{
    public string Tenant { get; } = tenant;

    /// <summary>A form parameter, or null when it is absent or empty (Entra ID treats both as missing).</summary>
    public string? Parameter(string name)
    {
        var value = form[name];
        return value.Count == 0 || string.IsNullOrEmpty(value[0]) ? null : value[0];
    }
}
