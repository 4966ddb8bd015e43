namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>A command line the emulator cannot run with; the message is written to stderr as is.</summary>
internal sealed class EmulatorOptionsException(string message) : Exception(message);
