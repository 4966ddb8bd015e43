namespace PartnerCenterInvoices.Emulator.Control;

/// <summary>One entry of the stats' recent list. Header values are never kept, only whether Authorization was there.</summary>
internal readonly record struct RecentRequest(string Method, string Path, string Query, int Status, bool HasAuthorization);
