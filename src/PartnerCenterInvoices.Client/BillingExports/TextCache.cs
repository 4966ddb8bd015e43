using System;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>The strings one field of an export file made recently, found again by their UTF-8 bytes.</summary>
    /// <remarks>
    /// Most text in an export repeats line after line (partner, customer, product, currency, charge
    /// type): decoding and allocating it afresh for each of a million lines is most of what parsing
    /// costs after tokenizing, and fills memory with equal copies when the lines are kept. A small
    /// direct-mapped table (a slot per hash, the newest value wins) keeps it bounded whatever the
    /// file holds: a value that never repeats (a reference id) only replaces what was in its slot.
    /// </remarks>
    internal sealed class TextCache
    {
        private const int Slots = 256;
        // Longer values are rarely repeated and not worth comparing.
        private const int MaxBytes = 64;
        private readonly byte[]?[] _keys = new byte[Slots][];
        private readonly int[] _lengths = new int[Slots];
        private readonly string?[] _values = new string?[Slots];

        /// <summary>The reader's string value (it must be an unescaped string token in one segment).</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            var bytes = reader.ValueSpan;
            if (bytes.Length == 0) return string.Empty;
            if (bytes.Length > MaxBytes) return reader.GetString()!;
            var slot = Slot(bytes);
            var key = _keys[slot];
            if (key is not null && _lengths[slot] == bytes.Length && bytes.SequenceEqual(new ReadOnlySpan<byte>(key, 0, bytes.Length)))
                return _values[slot]!;
            var value = reader.GetString()!;
            key ??= _keys[slot] = new byte[MaxBytes];
            bytes.CopyTo(key);
            _lengths[slot] = bytes.Length;
            _values[slot] = value;
            return value;
        }

        // From the length and the first and last eight bytes: ids differ there, and it costs the same for any length.
        private static int Slot(ReadOnlySpan<byte> bytes)
        {
            ulong head = 0, tail = 0;
            if (bytes.Length >= 8)
            {
                head = MemoryMarshal.Read<ulong>(bytes);
                tail = MemoryMarshal.Read<ulong>(bytes.Slice(bytes.Length - 8));
            }
            else
            {
                foreach (var b in bytes) head = (head << 8) | b;
            }
            var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)bytes.Length;
            return (int)((mixed ^ (mixed >> 29)) >> 32) & (Slots - 1);
        }
    }
}
