using System;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>How long to wait for a Graph billing export, and how it is read.</summary>
    public sealed class BillingExportOptions
    {
        /// <summary>Files of one export read at once when none is asked for (measured: see bench/RESULTS.md).</summary>
        public const int DefaultParallelism = 4;

        public BillingExportOptions(TimeSpan? timeLimit = null, TimeSpan? pollInterval = null, int batchSize = 250, int parallelism = DefaultParallelism)
        {
            TimeLimit = timeLimit ?? TimeSpan.FromMinutes(30);
            PollInterval = pollInterval ?? TimeSpan.FromSeconds(5);
            if (TimeLimit <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || batchSize < 1)
                throw new ArgumentOutOfRangeException(nameof(timeLimit), "The time limit, poll interval and batch size must be positive.");
            if (parallelism < 1) throw new ArgumentOutOfRangeException(nameof(parallelism), "At least one file must be read at a time.");
            BatchSize = batchSize;
            Parallelism = parallelism;
        }

        /// <summary>The most to wait for the export to be ready (exports are documented to take minutes). Reading the files is not bounded by it.</summary>
        public TimeSpan TimeLimit { get; }

        /// <summary>The wait between polls when the service gives no Retry-After.</summary>
        public TimeSpan PollInterval { get; }

        /// <summary>Lines handed out per call.</summary>
        /// <remarks>250 by default: every batch queued is alive when a collection runs, and with 1000 lines (about
        /// 1 MB each) the queues outgrew the youngest generation, so nearly every collection promoted them (at 1M
        /// lines 90 gen-1 collections instead of 5, and 12 MB more at the peak); the time was the same.</remarks>
        public int BatchSize { get; }

        /// <summary>The most files of one export downloaded and decoded at the same time; lines still come out in manifest order.</summary>
        public int Parallelism { get; }
    }
}
