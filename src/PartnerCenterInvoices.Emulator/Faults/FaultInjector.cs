namespace PartnerCenterInvoices.Emulator.Faults;

/// <summary>What the emulator does to one request before (or instead of) serving it.</summary>
internal enum FaultAction
{
    None,

    /// <summary>Answer <see cref="FaultPlan.Status"/> with the error body of the path (service or Entra ID).</summary>
    Fail,

    /// <summary>Answer 429 with the gateway's throttling body and Retry-After.</summary>
    Throttle,

    /// <summary>Abort the connection without a response.</summary>
    Reset,
}

/// <summary>The injector's decision for one request.</summary>
internal readonly record struct FaultPlan(int DelayMilliseconds, FaultAction Action, int Status, int RetryAfterSeconds, bool RevokeTokens);

/// <summary>
/// Holds the faults set on the command line or through <c>/_emulator/faults</c> and decides, a request at a time,
/// which of them strike.
/// </summary>
/// <remarks>
/// <para>
/// Two kinds live here. The one-shot fault (<c>{"status","count","pathPrefix"}</c>) fails the next
/// <c>count</c> requests; a new one replaces the old rather than queueing behind it. The modes (throttle,
/// burst, reset, truncate, latency, slow, expire-after) stay until cleared, at most one of each, and may be
/// active together.
/// </para>
/// <para>
/// Each mode has one global counter of the requests it applies to, so the same client run fails the same
/// request numbers every time, and a retry is simply the next number: with every=N &gt;= 2 it gets through.
/// Every mode counts every request under its prefix, even one another fault already answers; when several
/// strike the same request, one answer wins: the one-shot fault, then reset, throttle, burst.
/// </para>
/// </remarks>
internal sealed class FaultInjector(EmulatorStats stats)
{
    private static readonly int ModeCount = Enum.GetValues<FaultMode>().Length;

    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[ModeCount];
    private InjectedFault? _fault;
    // Copied on write, so a request reads the rules without a lock.
    private volatile FaultRule?[] _rules = new FaultRule?[ModeCount];

    public InjectedFault? Current
    {
        get { lock (_lock) return _fault; }
    }

    public IReadOnlyList<FaultRule> Rules => [.. _rules.OfType<FaultRule>()];

    public void Set(InjectedFault fault)
    {
        lock (_lock) _fault = fault;
    }

    /// <summary>Sets a mode, replacing one of the same mode, and starts its count afresh.</summary>
    public void Set(FaultRule rule)
    {
        lock (_lock)
        {
            var rules = (FaultRule?[])_rules.Clone();
            rules[(int)rule.Mode] = rule;
            Interlocked.Exchange(ref _counts[(int)rule.Mode], 0);
            _rules = rules;
        }
    }

    /// <summary>Clears the one-shot fault and every mode.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _fault = null;
            _rules = new FaultRule?[ModeCount];
            ResetCounters();
        }
    }

    /// <summary>Clears one mode; false when it was not set.</summary>
    public bool Clear(FaultMode mode)
    {
        lock (_lock)
        {
            if (_rules[(int)mode] is null) return false;
            var rules = (FaultRule?[])_rules.Clone();
            rules[(int)mode] = null;
            _rules = rules;
            return true;
        }
    }

    /// <summary>Starts every mode's count afresh (the stats reset does this), keeping the modes.</summary>
    public void ResetCounters()
    {
        for (var i = 0; i < _counts.Length; i++) Interlocked.Exchange(ref _counts[i], 0);
    }

    /// <summary>The status to fail this request with by the one-shot fault, or null; each failure uses up one of its count.</summary>
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

    /// <summary>Counts this request for every mode under whose prefix it falls and says what strikes it.</summary>
    public FaultPlan Decide(string path)
    {
        var action = FaultAction.None;
        int status = 0, retryAfter = 0, delay = 0, burstStatus = 0;
        bool reset = false, throttle = false, revoke = false;
        if (TryTake(path) is int oneShot)
        {
            action = FaultAction.Fail;
            status = oneShot;
        }

        foreach (var rule in _rules)
        {
            if (rule is null || !rule.AppliesTo(path)) continue;
            switch (rule.Mode)
            {
                case FaultMode.Latency:
                    delay += rule.Milliseconds;
                    break;
                case FaultMode.Truncate:
                    // Counted per successful page, in TakeTruncation.
                    break;
                case FaultMode.ExpireAfter:
                    revoke |= CountTowardsExpiry(rule);
                    break;
                case FaultMode.Slow:
                    if (Count(rule) % rule.Every == 0)
                    {
                        delay += rule.Milliseconds;
                        stats.CountFault(FaultKind.Slow);
                    }
                    break;
                case FaultMode.Reset:
                    reset |= Count(rule) % rule.Every == 0;
                    break;
                case FaultMode.Throttle:
                    if (Count(rule) % rule.Every == 0)
                    {
                        throttle = true;
                        retryAfter = rule.RetryAfterSeconds;
                    }
                    break;
                case FaultMode.Burst:
                    // Requests 1..every pass, the next `length` fail, and the cycle starts over.
                    if ((Count(rule) - 1) % ((long)rule.Every + rule.Length) >= rule.Every) burstStatus = rule.Status;
                    break;
            }
        }

        if (action == FaultAction.None)
        {
            if (reset)
            {
                action = FaultAction.Reset;
                stats.CountFault(FaultKind.Reset);
            }
            else if (throttle)
            {
                action = FaultAction.Throttle;
                status = StatusCodes.Status429TooManyRequests;
                stats.CountFault(FaultKind.Throttle);
            }
            else if (burstStatus != 0)
            {
                action = FaultAction.Fail;
                status = burstStatus;
                stats.CountFault(FaultKind.Burst);
            }
        }
        return new FaultPlan(delay, action, status, retryAfter, revoke);
    }

    /// <summary>Counts a page about to be served whole and says whether to cut it short instead.</summary>
    public bool TakeTruncation(string path)
    {
        var rule = _rules[(int)FaultMode.Truncate];
        if (rule is null || !rule.AppliesTo(path) || Count(rule) % rule.Every != 0) return false;
        stats.CountFault(FaultKind.Truncate);
        return true;
    }

    private long Count(FaultRule rule) => Interlocked.Increment(ref _counts[(int)rule.Mode]);

    private bool CountTowardsExpiry(FaultRule rule)
    {
        var period = (long)rule.Requests + 1;
        var count = Count(rule);
        if (rule.Repeat) return count % period == 0;
        if (count != period) return false;
        lock (_lock)
        {
            // Done once; unless a new expire-after replaced it meanwhile, it goes.
            if (ReferenceEquals(_rules[(int)FaultMode.ExpireAfter], rule)) Clear(FaultMode.ExpireAfter);
        }
        return true;
    }
}
