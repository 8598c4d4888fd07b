using MathNet.Numerics.LinearAlgebra;

namespace OneProxy.Aquaman.Policies;

/// <summary>
/// The bonus ‖u‖_{Z⁻¹} for Z = λI + Σ_c n_c u_c u_cᵀ held through its C distinct contexts instead of as a p × p matrix
/// (Woodbury): uᵀZ⁻¹u = (‖u‖² − bᵀ M⁻¹ b) / λ with b = U u and M = λN⁻¹ + U Uᵀ (C × C). Exact, and it costs C·p per arm
/// instead of p²/2, so when contexts repeat (the thesis's 4 devices × 5 models are 20 contexts, 848 parameters) a
/// decision is an order of magnitude cheaper. A repeat of context c changes only M_cc (n_c grows), a new context
/// borders M; both keep M⁻¹ by rank-one / block updates in O(C²). Rebuilt from scratch at every retraining.
/// </summary>
public sealed class ContextKernelBonus
{
    private readonly List<double[]> _rows = new();
    private readonly List<double> _counts = new();
    private double[] _inverse = []; // M⁻¹, Capacity × Capacity row-major (the leading C × C block is used)
    private int _capacity;
    private double[] _b = [];
    private double[] _mb = [];

    public ContextKernelBonus(int size, double lambda)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"need size >= 1, got {size}");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), $"lambda must be positive, got {lambda}");
        Size = size;
        Lambda = lambda;
    }

    public int Size { get; }
    public double Lambda { get; }

    /// <summary>Distinct contexts held.</summary>
    public int Count => _rows.Count;

    public IReadOnlyList<double[]> Rows => _rows;
    public IReadOnlyList<double> Counts => _counts;

    /// <summary>Starts over with rows <paramref name="u"/> and their counts.</summary>
    public void Reset(IReadOnlyList<double[]> u, ReadOnlySpan<double> counts)
    {
        if (counts.Length != u.Count) throw new ArgumentException($"{u.Count} feature rows but {counts.Length} counts");
        foreach (var row in u) Check(row);
        foreach (var n in counts) if (!(n > 0) || !double.IsFinite(n)) throw new ArgumentException($"a count must be positive, got {n}");
        _rows.Clear();
        _counts.Clear();
        int c = u.Count;
        Reserve(c, 0);
        _rows.AddRange(u.Select(r => (double[])r.Clone()));
        foreach (var n in counts) _counts.Add(n);
        if (c == 0) return;
        var m = Matrix<double>.Build.Dense(c, c);
        for (int a = 0; a < c; a++)
            for (int b = 0; b <= a; b++)
            {
                double v = VectorOps.Dot(u[a], u[b]) + (a == b ? Lambda / counts[a] : 0);
                m[a, b] = v;
                m[b, a] = v;
            }
        var inverse = m.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(c));
        for (int a = 0; a < c; a++)
            for (int b = 0; b < c; b++) _inverse[a * _capacity + b] = inverse[a, b];
    }

    /// <summary>One more feedback on context <paramref name="row"/>: M_cc = ‖u_c‖² + λ/n_c drops as n_c grows.</summary>
    public void Increment(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), $"row {row} of {Count}");
        double n = _counts[row];
        double delta = Lambda / (n + 1) - Lambda / n; // M' = M + δ e eᵀ
        _counts[row] = n + 1;
        int c = Count;
        var col = new double[c];
        for (int i = 0; i < c; i++) col[i] = _inverse[i * _capacity + row];
        double den = 1 + delta * col[row];
        for (int i = 0; i < c; i++)
        {
            double a = delta * col[i] / den;
            if (a == 0) continue;
            var r = _inverse.AsSpan(i * _capacity, c);
            VectorOps.Axpy(-a, col, r);
        }
    }

    /// <summary>A new context with one feedback: M grows by one row and column (block inverse through the Schur complement).</summary>
    public void Append(ReadOnlySpan<double> u)
    {
        Check(u);
        int c = Count;
        Reserve(c + 1, c);
        var k = new double[c];
        for (int i = 0; i < c; i++) k[i] = VectorOps.Dot(_rows[i], u);
        var mk = new double[c];
        for (int i = 0; i < c; i++) mk[i] = VectorOps.Dot(_inverse.AsSpan(i * _capacity, c), k);
        double s = VectorOps.Dot(u, u) + Lambda - VectorOps.Dot(mk, k);
        if (!(s > 0)) throw new InvalidOperationException($"Schur complement {s} is not positive (M lost positive definiteness)");
        for (int i = 0; i < c; i++)
        {
            var r = _inverse.AsSpan(i * _capacity, c);
            VectorOps.Axpy(mk[i] / s, mk, r);
            _inverse[i * _capacity + c] = -mk[i] / s;
            _inverse[c * _capacity + i] = -mk[i] / s;
        }
        _inverse[c * _capacity + c] = 1 / s;
        _rows.Add(u.ToArray());
        _counts.Add(1);
    }

    /// <summary>‖u_a‖_{Z⁻¹} for rows of <paramref name="u"/>.</summary>
    public void Norms(double[][] u, int count, Span<double> norms)
    {
        if (count > u.Length || norms.Length < count) throw new ArgumentException($"{count} vectors need {count} rows and outputs, got {u.Length} and {norms.Length}");
        for (int a = 0; a < count; a++) norms[a] = Norm(u[a]);
    }

    public double Norm(ReadOnlySpan<double> u)
    {
        Check(u);
        int c = Count;
        if (_b.Length < c) { _b = new double[_capacity]; _mb = new double[_capacity]; }
        for (int i = 0; i < c; i++) _b[i] = VectorOps.Dot(_rows[i], u);
        double q = VectorOps.Dot(u, u);
        for (int i = 0; i < c; i++) q -= _b[i] * VectorOps.Dot(_inverse.AsSpan(i * _capacity, c), _b.AsSpan(0, c));
        return Math.Sqrt(Math.Max(q, 0) / Lambda);
    }

    /// <summary>Room for <paramref name="c"/> contexts, keeping the leading <paramref name="keep"/> × keep block of M⁻¹.</summary>
    private void Reserve(int c, int keep)
    {
        if (c <= _capacity) return;
        int capacity = Math.Max(2 * _capacity, Math.Max(c, 16));
        var bigger = new double[capacity * capacity];
        for (int i = 0; i < keep; i++) _inverse.AsSpan(i * _capacity, keep).CopyTo(bigger.AsSpan(i * capacity));
        _inverse = bigger;
        _capacity = capacity;
    }

    private void Check(ReadOnlySpan<double> u)
    {
        if (u.Length != Size) throw new ArgumentException($"gradient feature has {u.Length} entries, expected {Size}");
    }
}
