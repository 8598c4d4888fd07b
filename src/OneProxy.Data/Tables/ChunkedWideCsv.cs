using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OneProxy.SearchSpaces;
using Architecture = OneProxy.SearchSpaces.Architecture;

namespace OneProxy.Data;

/// <summary>
/// The fast path of <see cref="WideTableReader.Read(string, ValueKind, ISearchSpace?, IReadOnlyDictionary{int, Architecture}?, bool, IReadOnlyList{string}?)"/>
/// for the common file: a wide numeric CSV without quotes. The file is split at line boundaries
/// into chunks, each chunk's lines are counted (so every row's place in the result is known),
/// then the chunks are parsed on all cores straight from byte spans into the final column
/// arrays: no tokeniser objects, no per-row objects, no strings for numbers.
/// <para>
/// It only ever returns a table the CsvHelper path would return for the same bytes. Whatever it
/// is not sure of (a quote anywhere, a carriage return that is not part of a line break, a blank
/// line, a record longer than <see cref="WideTableReader.MaxRecordBytes"/>) and every problem
/// (wrong field count, bad number, duplicate or unknown key, bad header) makes it return null,
/// and the caller reads the file again through CsvHelper, which reports the first problem with
/// its file, line and column exactly as before. Errors are rare; a second read costs less than
/// duplicating every message and the order of the checks here.
/// </para>
/// </summary>
internal static class ChunkedWideCsv
{
    /// <summary>Target bytes per chunk: enough chunks for both cores to stay busy when another process takes one for a while.</summary>
    private const int ChunkBytes = 8 << 20;

    /// <summary>Bytes read at a time inside a chunk (grown for a longer record, up to <see cref="WideTableReader.MaxRecordBytes"/>).</summary>
    private const int WindowBytes = 1 << 20;

    /// <summary>
    /// Longest line taken here: a little under the general reader's record limit, so that a
    /// record near the limit (whichever way that reader counts its terminator) goes to it.
    /// </summary>
    private const int LongestLine = WideTableReader.MaxRecordBytes - 64;

    /// <summary>Thrown inside a worker when the file needs the general reader; never escapes <see cref="TryRead"/>.</summary>
    private sealed class NeedsGeneralReader : Exception;

    /// <returns>The table, or null when the file must be read by the general (CsvHelper) reader.</returns>
    /// <param name="chunkBytes">Target chunk size (tests use tiny ones to cross every boundary).</param>
    /// <param name="windowBytes">Bytes read at a time within a chunk.</param>
    public static WideTable? TryRead(string path, ValueKind kind, ISearchSpace? space,
        IReadOnlyDictionary<int, Architecture>? architectures, bool allowNoValues, IReadOnlyList<string>? only,
        int chunkBytes = ChunkBytes, int windowBytes = WindowBytes, CancellationToken ct = default)
    {
        if (chunkBytes < 1 || windowBytes < 1) throw new ArgumentOutOfRangeException(nameof(chunkBytes), $"chunk {chunkBytes} and window {windowBytes} bytes must be positive");
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
        long length = RandomAccess.GetLength(file);
        try
        {
            long start = Utf8BomLength(file);
            var (header, dataStart) = Header(file, start, length);
            if (header is null) return null;
            RowLayout layout;
            try { layout = WideTableReader.Layout(path, kind, space, header, allowNoValues, only); }
            catch (OneProxyException) { return null; } // the general reader reports it, with its exact message
            var bounds = ChunkBounds(file, dataStart, length, chunkBytes);
            if (bounds is null) return null;
            var lines = new long[bounds.Length - 1];
            Parallel.For(0, lines.Length, Options(ct), k => lines[k] = CountLines(file, bounds[k], bounds[k + 1], windowBytes));
            var firstRow = new long[lines.Length + 1];
            for (int k = 0; k < lines.Length; k++) firstRow[k + 1] = firstRow[k] + lines[k];
            long total = firstRow[^1];
            if (total == 0 || total > Array.MaxLength) return null;
            int rows = (int)total;

            var columns = new double[layout.ValueCols.Length][];
            for (int j = 0; j < columns.Length; j++) columns[j] = new double[rows];
            // Plain arrays: chunks write disjoint rows of them from several threads (a List's indexer would also bump its version field).
            var indices = layout.IndexCol >= 0 ? new int[rows] : null;
            bool withArchs = layout.ArchCol >= 0 || (architectures is not null && layout.IndexCol >= 0);
            var archs = withArchs ? new Architecture[rows] : null;

            var chunk = new ChunkTarget(path, kind, FieldTargets(layout, header.Length), space, columns, indices, layout.ArchCol >= 0 ? archs : null);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Parallel.For(0, lines.Length, Options(stop.Token), k =>
            {
                try { ParseChunk(file, bounds[k], bounds[k + 1], (int)firstRow[k], (int)lines[k], chunk, windowBytes, stop.Token); }
                catch (NeedsGeneralReader) { stop.Cancel(); throw; }
            });
            if (!KeysAreUnique(indices, layout.ArchCol < 0 ? null : archs)) return null;
            if (layout.ArchCol < 0 && architectures is not null && indices is not null)
            {
                for (int r = 0; r < rows; r++)
                {
                    if (!architectures.TryGetValue(indices[r], out var a)) return null;
                    archs![r] = a;
                }
                if (!KeysAreUnique(null, archs)) return null;
            }
            return new WideTable(path, kind, layout.ValueCols.Select(i => header[i]).ToArray(), columns, rows, indices, archs);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return null; }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is NeedsGeneralReader or OperationCanceledException) && !ct.IsCancellationRequested) { return null; }
        catch (NeedsGeneralReader) { return null; }
    }

    private static ParallelOptions Options(CancellationToken ct) => new() { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>What every chunk writes into, and how its fields are read.</summary>
    /// <param name="FieldTargets">Per field of a line: the value column it fills (>= 0), <see cref="IndexField"/>, <see cref="ArchField"/> or <see cref="SkipField"/>.</param>
    private sealed record ChunkTarget(string Source, ValueKind Kind, int[] FieldTargets, ISearchSpace? Space,
        double[][] Columns, int[]? Indices, Architecture[]? Archs);

    private const int SkipField = -1, IndexField = -2, ArchField = -3;

    private static int[] FieldTargets(RowLayout layout, int fields)
    {
        var targets = new int[fields];
        Array.Fill(targets, SkipField);
        if (layout.IndexCol >= 0) targets[layout.IndexCol] = IndexField;
        if (layout.ArchCol >= 0) targets[layout.ArchCol] = ArchField;
        for (int j = 0; j < layout.ValueCols.Length; j++) targets[layout.ValueCols[j]] = j;
        return targets;
    }

    private static long Utf8BomLength(SafeFileHandle file)
    {
        Span<byte> bom = stackalloc byte[3];
        int n = RandomAccess.Read(file, bom, 0);
        return n == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
    }

    /// <summary>The header's trimmed fields and where the data starts; null header when the general reader must decide.</summary>
    private static (string[]? Header, long DataStart) Header(SafeFileHandle file, long start, long length)
    {
        int nl = -1;
        var buffer = Array.Empty<byte>();
        for (long size = 64 << 10; nl < 0 && buffer.Length < length - start && size <= 2L * LongestLine; size *= 2)
        {
            buffer = new byte[(int)Math.Min(length - start, size)];
            int n = ReadFully(file, buffer, start);
            if (n < buffer.Length) return (null, 0); // the file shrank while read
            nl = buffer.AsSpan().IndexOf((byte)'\n');
        }
        if (nl < 0) return (null, 0); // header only, or longer than a record may be
        var line = StripCarriageReturn(buffer.AsSpan(0, nl));
        if (line.Length > LongestLine || line.IndexOfAny((byte)'"', (byte)'\r') >= 0 || IsBlank(line)) return (null, 0);
        var fields = new List<string>();
        foreach (var range in line.Split((byte)','))
            fields.Add(Encoding.UTF8.GetString(line[range]).Trim());
        return (fields.ToArray(), start + nl + 1);
    }

    /// <summary>
    /// Chunk boundaries: the data start, the first line start at or after every
    /// <see cref="ChunkBytes"/>, the file's end; null when a line is too long for this path.
    /// </summary>
    private static long[]? ChunkBounds(SafeFileHandle file, long dataStart, long length, int chunkBytes)
    {
        var bounds = new List<long> { dataStart };
        var probe = new byte[64 << 10];
        for (long nominal = dataStart + chunkBytes; nominal < length; nominal += chunkBytes)
        {
            long at = Math.Max(nominal - 1, bounds[^1]), next = -1;
            while (next < 0 && at < length)
            {
                if (at - nominal > LongestLine) return null;
                int n = RandomAccess.Read(file, probe, at);
                if (n <= 0) break;
                int i = probe.AsSpan(0, n).IndexOf((byte)'\n');
                if (i >= 0) next = at + i + 1;
                else at += n;
            }
            if (next < 0 || next >= length) break;
            if (next > bounds[^1]) bounds.Add(next);
        }
        bounds.Add(length);
        return [.. bounds];
    }

    /// <summary>Lines in [start, end): newlines, plus one for a last line without one.</summary>
    // Called once per chunk, so tiering would run the first chunks' loops unoptimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CountLines(SafeFileHandle file, long start, long end, int windowBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(windowBytes);
        try
        {
            long lines = 0;
            byte last = (byte)'\n';
            for (long at = start; at < end;)
            {
                int n = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                if (n <= 0) throw new NeedsGeneralReader(); // the file shrank while read
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                last = buffer[n - 1];
                at += n;
            }
            return last == (byte)'\n' ? lines : lines + 1;
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseChunk(SafeFileHandle file, long start, long end, int firstRow, int lineCount, ChunkTarget t, int windowBytes, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(windowBytes);
        try
        {
            int row = firstRow, filled = 0;
            long at = start;
            while (at < end || filled > 0)
            {
                ct.ThrowIfCancellationRequested();
                if (at < end)
                {
                    if (filled == buffer.Length)
                    {
                        // One record fills the window: grow it, up to the longest record the general reader accepts.
                        if (buffer.Length > LongestLine) throw new NeedsGeneralReader();
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    int n = RandomAccess.Read(file, buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, end - at)), at);
                    if (n <= 0) throw new NeedsGeneralReader();
                    at += n;
                    filled += n;
                }
                var text = buffer.AsSpan(0, filled);
                if (text.IndexOf((byte)'"') >= 0) throw new NeedsGeneralReader();
                bool carriageReturns = text.IndexOf((byte)'\r') >= 0;
                int consumed = 0;
                while (true)
                {
                    int nl = text[consumed..].IndexOf((byte)'\n');
                    ReadOnlySpan<byte> line;
                    if (nl >= 0) line = text.Slice(consumed, nl);
                    else if (at >= end && consumed < filled) line = text[consumed..]; // the file's last line, without a newline
                    else break;
                    consumed += nl >= 0 ? nl + 1 : line.Length;
                    if (carriageReturns)
                    {
                        line = StripCarriageReturn(line);
                        if (line.IndexOf((byte)'\r') >= 0) throw new NeedsGeneralReader();
                    }
                    if (line.Length > LongestLine || row - firstRow >= lineCount) throw new NeedsGeneralReader();
                    ParseLine(line, row++, t);
                }
                text[consumed..].CopyTo(buffer);
                filled -= consumed;
                if (at >= end && filled > 0) throw new NeedsGeneralReader(); // cannot happen: the last line was taken above
            }
            if (row - firstRow != lineCount) throw new NeedsGeneralReader(); // the file changed between the passes
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void ParseLine(ReadOnlySpan<byte> line, int row, ChunkTarget t)
    {
        var targets = t.FieldTargets;
        int field = 0, pos = 0;
        while (true)
        {
            if (field >= targets.Length) throw new NeedsGeneralReader(); // more fields than the header
            int what = targets[field], end;
            // The common field, a plain decimal ended by a comma or the line, is parsed in the same scan that finds its end.
            if (what >= 0 && TryPlainDecimal(line, pos, out double v, out end) && Acceptable(v, t.Kind))
                t.Columns[what][row] = v;
            else
            {
                int comma = line[pos..].IndexOf((byte)',');
                end = comma >= 0 ? pos + comma : line.Length;
                var raw = line[pos..end];
                if (what >= 0) t.Columns[what][row] = ParseValue(raw, t.Kind, t.Source);
                else if (what == IndexField) t.Indices![row] = ParseIndex(raw);
                else if (what == ArchField) t.Archs![row] = ParseArch(raw, t.Space!);
            }
            field++;
            if (end >= line.Length) break;
            pos = end + 1;
        }
        if (field != targets.Length) throw new NeedsGeneralReader(); // fewer fields than the header (or a blank line)
    }

    /// <summary>
    /// <see cref="FastDecimal.TryParse"/> on the field starting at <paramref name="pos"/>, fused
    /// with finding its end (the next comma or the line's end): the same digits rule and the same
    /// single division, so the same bits. Anything else (spaces, signs, exponents) returns false.
    /// </summary>
    private static bool TryPlainDecimal(ReadOnlySpan<byte> line, int pos, out double value, out int end)
    {
        value = 0;
        ulong mantissa = 0;
        int digits = 0, fraction = 0, i = pos;
        bool any = false, dot = false;
        for (; i < line.Length; i++)
        {
            uint d = (uint)(line[i] - '0');
            if (d <= 9)
            {
                any = true;
                if (dot) fraction++;
                if (mantissa == 0 && d == 0) continue; // leading zeros are not significant
                mantissa = mantissa * 10 + d;
                if (++digits > 15) break;
            }
            else if (line[i] == (byte)'.' && !dot) dot = true;
            else break;
        }
        end = i;
        if (digits > 15 || (i < line.Length && line[i] != (byte)',') || !any || fraction >= PowersOfTen.Length) return false;
        value = fraction == 0 ? mantissa : mantissa / PowersOfTen[fraction];
        return true;
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The range <see cref="RowLayout.Parse"/> takes without the general rules.</summary>
    private static bool Acceptable(double v, ValueKind kind) =>
        (v > 0 || (v == 0 && kind == ValueKind.AccuracyPercent)) && v <= WideTableReader.MaxValue && !(kind == ValueKind.AccuracyPercent && v > 100);

    private static int ParseIndex(ReadOnlySpan<byte> raw)
    {
        var s = raw[Ascii.Trim(raw)];
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int idx) && idx >= 0 ? idx : throw new NeedsGeneralReader();
    }

    private static Architecture ParseArch(ReadOnlySpan<byte> raw, ISearchSpace space)
    {
        try { return space.Parse(Encoding.UTF8.GetString(raw).Trim()); }
        catch (ArchitectureFormatException) { throw new NeedsGeneralReader(); }
    }

    /// <summary>The value <see cref="RowLayout.Parse"/> stores for this field, or <see cref="NeedsGeneralReader"/> where it reports an error.</summary>
    private static double ParseValue(ReadOnlySpan<byte> raw, ValueKind kind, string source)
    {
        var s = raw[Ascii.Trim(raw)];
        if ((FastDecimal.TryParse(s, out var v) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v)) && Acceptable(v, kind))
            return v;
        // Missing markers and errors: the general rules, on the same string the general reader builds.
        try { return WideTableReader.ParseValue(source, 0, "", Encoding.UTF8.GetString(raw).Trim(), kind); }
        catch (DataFormatException) { throw new NeedsGeneralReader(); }
    }

    /// <summary>True when no index and no architecture repeats (a repeat is an error the general reader reports with both lines).</summary>
    private static bool KeysAreUnique(int[]? indices, Architecture[]? archs)
    {
        if (indices is not null)
        {
            var idx = indices;
            int max = 0;
            foreach (var i in idx) max = Math.Max(max, i);
            if (max < 1 << 28)
            {
                var bits = new ulong[(max >> 6) + 1];
                foreach (var i in idx)
                {
                    ulong bit = 1UL << (i & 63);
                    if ((bits[i >> 6] & bit) != 0) return false;
                    bits[i >> 6] |= bit;
                }
            }
            else
            {
                var seen = new HashSet<int>(idx.Length);
                foreach (var i in idx) if (!seen.Add(i)) return false;
            }
        }
        if (archs is not null)
        {
            var seen = new HashSet<Architecture>(archs.Length);
            foreach (var a in archs) if (!seen.Add(a)) return false;
        }
        return true;
    }

    private static ReadOnlySpan<byte> StripCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line) if (b is not ((byte)' ' or (byte)'\t')) return false;
        return true;
    }

    private static int ReadFully(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(file, buffer[total..], offset + total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }
}
