using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Reads UTF-8 JSON Lines from a stream, one object per line, a batch at a time, holding one buffer and never the whole file.</summary>
    /// <remarks>
    /// Lines end with \n or \r\n; blank lines (a trailing one included) are skipped; a UTF-8 byte-order
    /// mark is ignored. A line longer than the buffer grows it (to <see cref="MaxLineBytes"/>), so a line
    /// split across reads is parsed once, whole, straight from the buffer (see <see cref="LineItemParser{T}"/>).
    /// Each line is parsed on its own: a bad line names its number instead of poisoning the rest of the file.
    /// </remarks>
    internal sealed class JsonLinesReader<T> where T : BillingExportLineItem, new()
    {
        /// <summary>A line larger than this is not a line-item record: the file is not JSON lines.</summary>
        public const int MaxLineBytes = 16 * 1024 * 1024;
        private readonly Stream _stream;
        private readonly LineItemParser<T> _parser = new LineItemParser<T>();
        private readonly string _source;
        private byte[] _buffer;
        private int _start;
        private int _end;
        // Where the search for the next '\n' resumes: a long line is scanned once, not once per read.
        private int _scanned;
        private bool _endOfStream;
        private bool _atFileStart = true;

        public JsonLinesReader(Stream stream, string source, int bufferSize = 64 * 1024)
        {
            _stream = stream;
            _source = source;
            _buffer = new byte[Math.Max(16, bufferSize)];
        }

        /// <summary>Lines read so far (blank lines not counted).</summary>
        public long LinesRead { get; private set; }

        /// <summary>Up to <paramref name="maxItems"/> objects; an empty list once the stream has ended.</summary>
        public async Task<IReadOnlyList<T>> ReadBatchAsync(int maxItems, CancellationToken cancellationToken)
        {
            var items = new List<T>(Math.Min(maxItems, 1024));
            while (items.Count < maxItems)
            {
                var from = Math.Max(_start, _scanned);
                var newline = Array.IndexOf(_buffer, (byte)'\n', from, _end - from);
                if (newline < 0)
                {
                    _scanned = _end;
                    if (_endOfStream)
                    {
                        // The last line may lack its \n.
                        if (_end > _start) AddLine(items, _start, _end - _start);
                        _start = _end;
                        break;
                    }
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                AddLine(items, _start, newline - _start);
                _start = newline + 1;
            }
            return items;
        }

        private void AddLine(List<T> items, int offset, int length)
        {
            if (_atFileStart)
            {
                _atFileStart = false;
                if (length >= 3 && _buffer[offset] == 0xEF && _buffer[offset + 1] == 0xBB && _buffer[offset + 2] == 0xBF)
                {
                    offset += 3;
                    length -= 3;
                }
            }
            if (length > 0 && _buffer[offset + length - 1] == (byte)'\r') length--;
            if (IsBlank(offset, length)) return;
            T item;
            try
            {
                item = _parser.Parse(new ReadOnlySpan<byte>(_buffer, offset, length));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"Line {LinesRead + 1} of {_source} is not a JSON object of the expected shape: {ex.Message}", ex);
            }
            LinesRead++;
            items.Add(item);
        }

        private bool IsBlank(int offset, int length)
        {
            for (var i = offset; i < offset + length; i++)
            {
                var b = _buffer[i];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
            }
            return true;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                // Keep the unfinished line, at the front.
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _scanned -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                    throw new FormatException($"Line {LinesRead + 1} of {_source} is longer than {MaxLineBytes / (1024 * 1024)} MB: the file is not JSON lines.");
                Array.Resize(ref _buffer, Math.Min(MaxLineBytes, _buffer.Length * 2));
            }
            var read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (read == 0) _endOfStream = true;
            _end += read;
        }
    }
}
