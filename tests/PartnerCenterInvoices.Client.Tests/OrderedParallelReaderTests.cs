using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.BillingExports;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class OrderedParallelReaderTests
    {
        /// <summary>A source of numbered items that records how far it got and whether it was disposed.</summary>
        private sealed class Source : IBatchSource<string>
        {
            private readonly int _index;
            private readonly int _items;
            private readonly Func<int, Task>? _delay;
            private readonly Exception? _failAt;
            private int _next;

            public Source(int index, int items, Func<int, Task>? delay = null, Exception? failAt = null)
            {
                _index = index;
                _items = items;
                _delay = delay;
                _failAt = failAt;
            }

            public int Batches;
            public volatile bool Disposed;

            public async Task<IReadOnlyList<string>> ReadBatchAsync(int maxItems, CancellationToken cancellationToken)
            {
                if (_delay is not null) await _delay(_index).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (_failAt is not null && _next >= _items / 2) throw _failAt;
                var batch = new List<string>();
                while (batch.Count < maxItems && _next < _items) batch.Add($"{_index}:{_next++}");
                Interlocked.Increment(ref Batches);
                return batch;
            }

            public void Dispose() => Disposed = true;
        }

        private static async Task<List<string>> ReadAll(OrderedParallelReader<string> reader)
        {
            var all = new List<string>();
            while (await reader.ReadAsync(CancellationToken.None) is IReadOnlyList<string> batch) all.AddRange(batch);
            return all;
        }

        [Fact]
        public async Task Hands_out_every_item_in_source_order_whatever_finishes_first()
        {
            // Later sources answer faster than earlier ones: the order must not follow the finish.
            var random = new Random(7);
            var expected = Enumerable.Range(0, 6).SelectMany(i => Enumerable.Range(0, 250).Select(n => $"{i}:{n}")).ToList();
            foreach (var parallelism in new[] { 1, 2, 4, 8 })
            {
                using var reader = new OrderedParallelReader<string>(6,
                    i => new Source(i, 250, index => Task.Delay(random.Next(0, 3) + (6 - index))), parallelism, batchSize: 32);
                Assert.Equal(expected, await ReadAll(reader));
                Assert.Equal(6, reader.SourcesDone);
                Assert.True(reader.MostRunning <= parallelism);
            }
        }

        [Fact]
        public async Task Runs_the_window_at_once_and_holds_no_more_than_its_queues_while_the_reader_waits()
        {
            var sources = new Source[5];
            using var reader = new OrderedParallelReader<string>(5, i => sources[i] = new Source(i, 10_000), parallelism: 3, batchSize: 10, queueBatches: 2);
            var first = await reader.ReadAsync(CancellationToken.None);
            Assert.Equal("0:0", first![0]);
            await Task.Delay(300);
            // Three sources started; each read its queue full (2 batches, one handed out from source 0) and then waited.
            Assert.Equal(3, reader.SourcesStarted);
            Assert.Null(sources[3]);
            Assert.InRange(sources[0].Batches, 2, 3);
            Assert.Equal(2, sources[1].Batches);
            Assert.Equal(2, sources[2].Batches);
        }

        [Fact]
        public async Task Dispose_stops_every_source_at_once_and_disposes_it()
        {
            var sources = new Source[4];
            var reader = new OrderedParallelReader<string>(4, i => sources[i] = new Source(i, 1_000_000, _ => Task.Delay(1)), parallelism: 4, batchSize: 10);
            await reader.ReadAsync(CancellationToken.None);
            await Task.Delay(100);
            var started = DateTime.UtcNow;
            reader.Dispose();
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
            Assert.All(sources, source => Assert.True(source.Disposed));
            var batches = sources.Sum(source => source.Batches);
            await Task.Delay(100);
            Assert.Equal(batches, sources.Sum(source => source.Batches));
        }

        [Fact]
        public async Task Throws_a_source_failure_after_every_item_before_it()
        {
            var failure = new InvalidOperationException("bad file");
            using var reader = new OrderedParallelReader<string>(3, i => new Source(i, 100, failAt: i == 1 ? failure : null), parallelism: 3, batchSize: 10);
            var read = new List<string>();
            var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            {
                while (await reader.ReadAsync(CancellationToken.None) is IReadOnlyList<string> batch) read.AddRange(batch);
            });
            Assert.Same(failure, thrown);
            Assert.Equal(150, read.Count);
            Assert.Equal("1:49", read[^1]);
        }
    }
}
