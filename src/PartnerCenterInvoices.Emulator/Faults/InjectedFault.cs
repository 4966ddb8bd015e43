namespace PartnerCenterInvoices.Emulator.Faults;

/// <summary>A failure the tests asked for: the next <see cref="Remaining"/> requests under <see cref="PathPrefix"/> get <see cref="Status"/>.</summary>
internal sealed record InjectedFault(int Status, int Remaining, string PathPrefix);
