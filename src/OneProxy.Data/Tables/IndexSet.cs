namespace OneProxy.Data;

/// <summary>
/// The <c>index</c> column as read, in row order, with a duplicate check that names the line of
/// the first occurrence. Indices are usually 0..rows-1, so one bit per possible value replaces
/// a dictionary entry per row (about 20 bytes, more while it grows); values beyond
/// <see cref="DenseLimit"/> fall back to a dictionary. Lines are kept as the few points where
/// "line = row + 2" stops holding (blank lines, quoted line breaks), not one per row.
/// </summary>
internal sealed class IndexSet
{
    private const int DenseLimit = 1 << 27; // 16 MB of bits at most
    private ulong[] _bits = new ulong[1024];
    private readonly Dictionary<int, long> _sparse = [];
    private readonly List<(int Row, long Offset)> _lineShifts = [];

    /// <param name="capacity">A bound on the rows when known (the file's lines), so the list never regrows.</param>
    public IndexSet(long capacity = 0)
    {
        Values = new List<int>((int)Math.Clamp(capacity, 0, 1 << 28));
    }

    /// <summary>Index value per row read so far.</summary>
    public List<int> Values { get; }

    public bool TryGetFirst(int index, out long line)
    {
        line = 0;
        if (index >= DenseLimit) return _sparse.TryGetValue(index, out line);
        int word = index >> 6;
        if (word >= _bits.Length || (_bits[word] & (1UL << (index & 63))) == 0) return false;
        int row = Values.IndexOf(index); // error path only
        line = LineOf(row);
        return true;
    }

    public void Add(int index, long line)
    {
        int row = Values.Count;
        long offset = line - row - 2;
        if ((_lineShifts.Count == 0 ? 0 : _lineShifts[^1].Offset) != offset) _lineShifts.Add((row, offset));
        Values.Add(index);
        if (index >= DenseLimit) { _sparse[index] = line; return; }
        int word = index >> 6;
        if (word >= _bits.Length) Array.Resize(ref _bits, Math.Max(word + 1, Math.Min(_bits.Length * 2, DenseLimit / 64)));
        _bits[word] |= 1UL << (index & 63);
    }

    private long LineOf(int row)
    {
        long offset = 0;
        foreach (var (r, o) in _lineShifts)
        {
            if (r > row) break;
            offset = o;
        }
        return row + 2 + offset;
    }
}
