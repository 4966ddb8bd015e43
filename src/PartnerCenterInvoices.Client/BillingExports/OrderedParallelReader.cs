using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Something read a batch at a time to its end: one export file.</summary>
    internal interface IBatchSource<T> : IDisposable
    {
        /// <summary>Up to <paramref name="maxItems"/> items; an empty list at the end.</summary>
        Task<IReadOnlyList<T>> ReadBatchAsync(int maxItems, CancellationToken cancellationToken);
    }

    /// <summary>Reads several sources at once, a bounded number of them, and hands their batches out in source order.</summary>
    /// <remarks>
    /// The sources run in a window that starts at the one being handed out: source i starts when the
    /// reader reaches source i - parallelism, so the one handed out is always running and the order of
    /// two runs is the same. Each running source fills a queue of a few batches and then waits for
    /// the reader (back-pressure, not buffering): memory is bounded by parallelism x queue depth x
    /// batch size whatever the size of the files. A source's failure is thrown when the reader reaches
    /// that source, after every line before it. Dispose cancels every source and waits for it to end,
    /// so no download or connection outlives the reader (a downstream Select-Object -First disposes it).
    /// </remarks>
    internal sealed class OrderedParallelReader<T> : IDisposable
    {
        private readonly int _count;
        private readonly Func<int, IBatchSource<T>> _open;
        private readonly int _parallelism;
        private readonly int _batchSize;
        private readonly int _queueBatches;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly SourceQueue?[] _queues;
        private int _current;
        private int _started;
        private bool _disposed;

        public OrderedParallelReader(int count, Func<int, IBatchSource<T>> open, int parallelism, int batchSize, int queueBatches = 2)
        {
            if (count < 0 || parallelism < 1 || batchSize < 1 || queueBatches < 1) throw new ArgumentOutOfRangeException(nameof(parallelism));
            _count = count;
            _open = open;
            _parallelism = parallelism;
            _batchSize = batchSize;
            _queueBatches = queueBatches;
            _queues = new SourceQueue?[count];
        }

        /// <summary>Sources read to their end and handed out whole.</summary>
        public int SourcesDone => _current;

        /// <summary>Sources started so far (running or done).</summary>
        public int SourcesStarted => Volatile.Read(ref _started);

        /// <summary>The most sources that ran at the same time.</summary>
        public int MostRunning { get; private set; }

        /// <summary>The next batch in source order; null once every source has ended.</summary>
        public async Task<IReadOnlyList<T>?> ReadAsync(CancellationToken cancellationToken)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(OrderedParallelReader<T>));
            while (_current < _count)
            {
                StartWindow();
                var queue = _queues[_current]!;
                var batch = await queue.TakeAsync(cancellationToken).ConfigureAwait(false);
                if (batch is not null) return batch;
                _queues[_current] = null;
                _current++;
            }
            return null;
        }

        private void StartWindow()
        {
            var running = 0;
            for (var i = _current; i < _count && i < _current + _parallelism; i++)
            {
                if (_queues[i] is null && i >= _started)
                {
                    var queue = new SourceQueue(_queueBatches);
                    _queues[i] = queue;
                    Interlocked.Increment(ref _started);
                    var index = i;
                    queue.Worker = Task.Run(() => FillAsync(index, queue));
                }
                if (_queues[i] is SourceQueue q && !q.Ended) running++;
            }
            if (running > MostRunning) MostRunning = running;
        }

        private async Task FillAsync(int index, SourceQueue queue)
        {
            var token = _stop.Token;
            IBatchSource<T>? source = null;
            try
            {
                source = _open(index);
                while (true)
                {
                    await queue.Free.WaitAsync(token).ConfigureAwait(false);
                    var batch = await source.ReadBatchAsync(_batchSize, token).ConfigureAwait(false);
                    if (batch.Count == 0) break;
                    queue.Put(batch);
                }
                queue.End(null);
            }
            catch (Exception ex)
            {
                queue.End(ExceptionDispatchInfo.Capture(ex));
            }
            finally
            {
                // The connection goes back as soon as the file is read, not when the reader is disposed.
                source?.Dispose();
            }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _stop.Cancel();
            var workers = new List<Task>();
            foreach (var queue in _queues)
            {
                if (queue?.Worker is Task worker) workers.Add(worker);
            }
            // Every wait in a source honours the token; the bound only keeps a stuck callee from hanging the pipeline.
            try
            {
                Task.WaitAll(workers.ToArray(), TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Their failures were for the reader, which has gone.
            }
            _stop.Dispose();
        }

        /// <summary>One running source's batches: a few at most, then the source waits.</summary>
        private sealed class SourceQueue
        {
            private readonly ConcurrentQueue<IReadOnlyList<T>> _batches = new ConcurrentQueue<IReadOnlyList<T>>();
            private readonly SemaphoreSlim _filled = new SemaphoreSlim(0);
            private ExceptionDispatchInfo? _failure;
            private volatile bool _ended;

            public SourceQueue(int capacity) => Free = new SemaphoreSlim(capacity);

            public SemaphoreSlim Free { get; }
            public Task? Worker { get; set; }
            public bool Ended => _ended;

            public void Put(IReadOnlyList<T> batch)
            {
                _batches.Enqueue(batch);
                _filled.Release();
            }

            public void End(ExceptionDispatchInfo? failure)
            {
                _failure = failure;
                _ended = true;
                _filled.Release();
            }

            /// <summary>The next batch, or null at the source's end (its failure is thrown there).</summary>
            public async Task<IReadOnlyList<T>?> TakeAsync(CancellationToken cancellationToken)
            {
                await _filled.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (_batches.TryDequeue(out var batch))
                {
                    Free.Release();
                    return batch;
                }
                _failure?.Throw();
                return null;
            }
        }
    }
}
