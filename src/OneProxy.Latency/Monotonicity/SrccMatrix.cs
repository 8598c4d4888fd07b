using OneProxy.Data;

namespace OneProxy.Monotonicity;

/// <summary>Pairwise SRCC between devices, with the number of architectures each value used.</summary>
public sealed class SrccMatrix
{
    private readonly double[,] _values;
    private readonly int[,] _pairs;

    public SrccMatrix(IReadOnlyList<string> devices, double[,] values, int[,] pairs)
    {
        int n = devices.Count;
        if (values.GetLength(0) != n || values.GetLength(1) != n || pairs.GetLength(0) != n || pairs.GetLength(1) != n)
            throw new ArgumentException($"matrix sizes must be {n}x{n} for {n} devices");
        Devices = devices;
        _values = values;
        _pairs = pairs;
    }

    public IReadOnlyList<string> Devices { get; }
    public double this[int i, int j] => _values[i, j];
    public double this[string a, string b] => _values[IndexOf(a), IndexOf(b)];

    /// <summary>Architectures measured on both devices (all rows unless values are missing).</summary>
    public int PairCount(int i, int j) => _pairs[i, j];

    public int IndexOf(string device)
    {
        for (int i = 0; i < Devices.Count; i++) if (Devices[i] == device) return i;
        throw new UnusableDataException($"device '{device}' is not in the matrix (devices: {string.Join(", ", Devices)})");
    }

    /// <summary>
    /// SRCC of every pair of columns. Columns without missing values are ranked once and
    /// correlated by dot products of centred ranks; pairs involving a column with missing values
    /// are re-ranked over their complete pairs. Work is spread over all cores.
    /// </summary>
    public static SrccMatrix Compute(WideTable table, IReadOnlyList<int>? rows = null)
    {
        int d = table.ColumnNames.Count;
        var columns = new double[d][];
        for (int c = 0; c < d; c++)
        {
            var full = table.Column(c).ToArray();
            columns[c] = rows is null ? full : rows.Select(r => full[r]).ToArray();
        }
        return Compute(table.ColumnNames, columns);
    }

    public static SrccMatrix Compute(IReadOnlyList<string> names, double[][] columns)
    {
        int d = columns.Length;
        if (names.Count != d) throw new ArgumentException($"{names.Count} names for {d} columns");
        int n = d == 0 ? 0 : columns[0].Length;
        foreach (var c in columns)
            if (c.Length != n) throw new ArgumentException($"columns differ in length: {c.Length} vs {n}");
        var centred = new double[d][];
        var norms = new double[d];
        var complete = new bool[d];
        Parallel.For(0, d, c =>
        {
            if (columns[c].Any(double.IsNaN)) return;
            complete[c] = true;
            var r = Ranking.AverageRanks(columns[c]);
            double mean = (n + 1) / 2.0, ss = 0;
            for (int i = 0; i < n; i++) { r[i] -= mean; ss += r[i] * r[i]; }
            centred[c] = r;
            norms[c] = Math.Sqrt(ss);
        });
        var values = new double[d, d];
        var pairs = new int[d, d];
        var work = new List<(int, int)>();
        for (int i = 0; i < d; i++) for (int j = i; j < d; j++) work.Add((i, j));
        Parallel.ForEach(work, p =>
        {
            var (i, j) = p;
            double v; int count;
            if (complete[i] && complete[j])
            {
                count = n;
                if (n < 2 || norms[i] == 0 || norms[j] == 0) v = double.NaN;
                else
                {
                    double dot = 0;
                    var a = centred[i]; var b = centred[j];
                    for (int k = 0; k < n; k++) dot += a[k] * b[k];
                    v = Math.Clamp(dot / (norms[i] * norms[j]), -1.0, 1.0);
                }
            }
            else (v, count) = Spearman.PairwiseComplete(columns[i], columns[j]);
            values[i, j] = values[j, i] = v;
            pairs[i, j] = pairs[j, i] = count;
        });
        return new SrccMatrix(names, values, pairs);
    }
}
