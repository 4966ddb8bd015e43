namespace PartnerCenterInvoices.Emulator;

/// <summary>Holds the one fault set through <c>POST /_emulator/faults</c> and hands it out, a request at a time.</summary>
/// <remarks>
/// A new fault replaces the old one rather than queueing behind it: a test states what the next
/// requests should see, and nothing left over from an earlier test should get in the way.
/// </remarks>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private InjectedFault? _fault;

    public InjectedFault? Current
    {
        get { lock (_lock) return _fault; }
    }

    public void Set(InjectedFault fault)
    {
        lock (_lock) _fault = fault;
    }

    public void Clear()
    {
        lock (_lock) _fault = null;
    }

    /// <summary>The status to fail this request with, or null to serve it; each failure uses up one of the fault's count.</summary>
    public int? TryTake(string path)
    {
        lock (_lock)
        {
            if (_fault is null || !path.StartsWith(_fault.PathPrefix, StringComparison.OrdinalIgnoreCase)) return null;
            var status = _fault.Status;
            _fault = _fault.Remaining > 1 ? _fault with { Remaining = _fault.Remaining - 1 } : null;
            return status;
        }
    }
}
