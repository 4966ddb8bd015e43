namespace PartnerCenterInvoices.Emulator.Control;

/// <summary>One entry of the stats' recent list. Header values are never kept, only whether Authorization was there and for which audience.</summary>
/// <param name="Audience">"partnercenter", "graph" or "other" for the bearer token's audience, or null without one.</param>
/// <param name="Host">"main" (token endpoint, Partner Center, Graph) or "blob" (the blob host).</param>
internal readonly record struct RecentRequest(string Method, string Path, string Query, int Status, bool HasAuthorization, string? Audience = null, string Host = "main");
