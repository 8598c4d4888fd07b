using CsvHelper;
using OneProxy.SearchSpaces;

namespace OneProxy.Data;

/// <summary>
/// Draws k rows measured on every value column from a wide CSV without parsing the rest: one
/// byte scan finds where each line starts, lines are then visited in a seeded uniformly random
/// order (a Fisher-Yates shuffle kept sparse in a dictionary) and parsed one at a time, and the
/// first k complete ones are kept: a uniform k-subset of the complete rows. Only the rows read
/// are validated (a malformed row elsewhere in the file goes unnoticed, as do duplicates between
/// a sampled row and an unread one).
/// </summary>
public static class WideTableSampler
{
    /// <summary>
    /// The sampled table (rows in file order), or null when the file holds a quote character: a
    /// quoted field may span lines, so lines are not records and the caller must read it whole.
    /// </summary>
    public static WideTable? SampleComplete(string path, ValueKind kind, ISearchSpace? space, int sample, Random rng,
        IReadOnlyDictionary<int, Architecture>? architectures = null, IReadOnlyList<string>? only = null, CancellationToken cancel = default)
    {
        if (sample < 1) throw new InvalidOptionException("sample", $"must be at least 1 (got {sample})");
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        var starts = LineStarts(path, cancel);
        if (starts is null) return null;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        string[] header;
        using (var parser = CsvReader.Create(Line(file, starts, 0, path), WideTableReader.Options()))
        {
            if (!WideTableReader.SafeRead(parser, path)) throw new DataFormatException(path, 1, null, "file is empty (expected a header row)");
            header = WideTableReader.Fields(parser);
        }
        var layout = WideTableReader.Layout(path, kind, space, header, allowNoValues: false, only);
        int width = layout.ValueCols.Length;

        var kept = new List<(long Line, int Index, Architecture? Arch, double[] Values)>(sample);
        var seenIndex = new Dictionary<int, long>();
        var seenArch = new Dictionary<Architecture, long>();
        var swaps = new Dictionary<int, int>();
        int lines = starts.Length - 2; // data lines: all but the header (the last start is the end of the file)
        int complete = 0;
        for (int t = 0; t < lines && kept.Count < sample; t++)
        {
            if ((t & 0xFF) == 0) cancel.ThrowIfCancellationRequested();
            int j = rng.Next(t, lines);
            int pick = swaps.GetValueOrDefault(j, j);
            swaps[j] = swaps.GetValueOrDefault(t, t);
            int lineIndex = pick + 1;
            using var parser = CsvReader.Create(Line(file, starts, lineIndex, path), WideTableReader.Options());
            if (!WideTableReader.SafeRead(parser, path)) continue; // an empty line
            var row = layout.Parse(parser, lineOffset: lineIndex);
            if (row.Blank) continue;
            if (row.Stage is ParsedRow.FieldCountStage or ParsedRow.IndexStage) throw row.Error!;
            Architecture? arch = row.Arch;
            if (layout.IndexCol >= 0)
            {
                if (seenIndex.TryGetValue(row.Index, out var first))
                    throw new DataFormatException(path, Math.Max(first, row.Line), WideTableReader.IndexColumn,
                        $"duplicate index {row.Index} (first on line {Math.Min(first, row.Line)})");
                seenIndex[row.Index] = row.Line;
                if (layout.ArchCol < 0 && architectures is not null && !architectures.TryGetValue(row.Index, out arch))
                    throw new DataFormatException(path, row.Line, WideTableReader.IndexColumn, $"index {row.Index} has no architecture in the architectures file");
            }
            if (row.Stage == ParsedRow.ArchStage) throw row.Error!;
            if (arch is not null)
            {
                if (seenArch.TryGetValue(arch, out var first))
                    throw new DataFormatException(path, Math.Max(first, row.Line), WideTableReader.ArchColumn,
                        $"duplicate architecture (same network as line {Math.Min(first, row.Line)})");
                seenArch[arch] = row.Line;
            }
            if (row.Stage == ParsedRow.ValueStage) throw row.Error!;
            var values = row.Values.AsSpan(0, width).ToArray();
            row.Return();
            if (Array.Exists(values, double.IsNaN)) continue;
            complete++;
            kept.Add((row.Line, row.Index, arch, values));
        }
        if (kept.Count < sample)
            throw new InvalidOptionException("sample",
                $"sample size {sample} must be in [3, {complete}] (architectures measured on every device)");
        kept.Sort((a, b) => a.Line.CompareTo(b.Line));
        var columns = new double[width][];
        for (int c = 0; c < width; c++) columns[c] = kept.Select(k => k.Values[c]).ToArray();
        var indices = layout.IndexCol >= 0 ? kept.Select(k => k.Index).ToList() : null;
        var archs = kept.All(k => k.Arch is not null) && kept.Count > 0 ? kept.Select(k => k.Arch!).ToList() : null;
        return new WideTable(path, kind, layout.ValueCols.Select(i => header[i]).ToArray(), columns, indices, archs);
    }

    /// <summary>Byte offset of every line start, then the file length; null if the file has a quote character.</summary>
    private static long[]? LineStarts(string path, CancellationToken cancel)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long newlines = 0;
        int n;
        while ((n = f.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, n);
            if (span.Contains((byte)'"')) return null;
            newlines += span.Count((byte)'\n');
        }
        if (newlines + 2 > Array.MaxLength) return null;
        var starts = new long[newlines + 2];
        int k = 1;
        long at = 0;
        f.Position = 0;
        while ((n = f.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            var span = buffer.AsSpan(0, n);
            int from = 0, i;
            while ((i = span[from..].IndexOf((byte)'\n')) >= 0 && k < starts.Length)
            {
                from += i + 1;
                starts[k++] = at + from;
            }
            at += n;
        }
        for (; k < starts.Length; k++) starts[k] = at; // the end of the file (and of lines lost if it shrank meanwhile)
        return starts;
    }

    private static byte[] Line(FileStream file, long[] starts, int line, string path)
    {
        long from = starts[line], to = starts[line + 1];
        if (line == 0 && to - from >= 3) from += SkipBom(file);
        if (to - from > WideTableReader.MaxRecordBytes)
            throw new DataFormatException(path, line + 1, null, $"line is longer than {WideTableReader.MaxRecordBytes} bytes");
        var bytes = new byte[to - from];
        file.Position = from;
        file.ReadExactly(bytes);
        return bytes;
    }

    private static int SkipBom(FileStream file)
    {
        Span<byte> bom = stackalloc byte[3];
        file.Position = 0;
        file.ReadExactly(bom);
        return bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
    }
}
