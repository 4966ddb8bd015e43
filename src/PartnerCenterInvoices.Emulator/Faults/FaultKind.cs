namespace PartnerCenterInvoices.Emulator.Faults;

/// <summary>The faults counted in the stats' <c>faultsInjected</c>, in the order they are written there.</summary>
internal enum FaultKind
{
    Throttle,
    Burst,
    Reset,
    Truncate,
    Slow,
    Revoked401,
}
