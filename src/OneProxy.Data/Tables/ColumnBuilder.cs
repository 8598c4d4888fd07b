namespace OneProxy.Data;

/// <summary>
/// A growing column of doubles kept in fixed chunks, so reading a table never holds a doubled
/// List buffer next to its copy: at the end <see cref="Drain"/> copies the chunks into one exact
/// array and lets them go.
/// </summary>
internal sealed class ColumnBuilder
{
    private const int ChunkSize = 1 << 13; // 64 kB: thousands of columns read from a stream must not reserve 512 kB each
    private readonly List<double[]> _chunks = [];
    private int _used = ChunkSize;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (_used == ChunkSize) { _chunks.Add(new double[ChunkSize]); _used = 0; }
        _chunks[^1][_used++] = value;
        Count++;
    }

    public double[] Drain()
    {
        var result = new double[Count];
        long at = 0;
        foreach (var chunk in _chunks)
        {
            int n = (int)Math.Min(ChunkSize, Count - at);
            Array.Copy(chunk, 0, result, at, n);
            at += n;
        }
        _chunks.Clear();
        Count = 0;
        _used = ChunkSize;
        return result;
    }
}
