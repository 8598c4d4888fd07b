using OneProxy.SearchSpaces;

namespace OneProxy.Predictors;

/// <summary>Architectures of one space encoded once (rows x FeatureCount), so whole sets are predicted in one pass.</summary>
public sealed class FeatureMatrix
{
    public FeatureMatrix(ISearchSpace space, IReadOnlyList<Architecture> architectures)
    {
        Space = space;
        Architectures = architectures;
        Values = space.EncodeAll(architectures);
    }

    private FeatureMatrix(ISearchSpace space, IReadOnlyList<Architecture> architectures, double[,] values)
    {
        Space = space;
        Architectures = architectures;
        Values = values;
    }

    public ISearchSpace Space { get; }
    public IReadOnlyList<Architecture> Architectures { get; }
    public double[,] Values { get; }
    public int Rows => Values.GetLength(0);
    public int Features => Values.GetLength(1);

    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        var v = new double[rows.Count, Features];
        for (int r = 0; r < rows.Count; r++)
            for (int c = 0; c < Features; c++) v[r, c] = Values[rows[r], c];
        return new FeatureMatrix(Space, rows.Select(i => Architectures[i]).ToArray(), v);
    }

    /// <summary>X . w for every row.</summary>
    public double[] Multiply(ReadOnlySpan<double> weights)
    {
        if (weights.Length != Features) throw new ArgumentException($"weights have {weights.Length} entries, features {Features}");
        int rows = Rows, features = Features;
        var result = new double[rows];
        if (rows == 0) return result;
        // Row-major flat view of the matrix: no 2-D bounds checks; same sums in the same order, so the same bits.
        var flat = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref Values[0, 0], Values.Length);
        for (int r = 0; r < rows; r++)
        {
            var row = flat.Slice(r * features, features);
            double s = 0;
            for (int c = 0; c < row.Length; c++) s += row[c] * weights[c];
            result[r] = s;
        }
        return result;
    }
}
