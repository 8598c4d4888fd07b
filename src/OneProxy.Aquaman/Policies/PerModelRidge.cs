namespace OneProxy.Aquaman.Policies;

/// <summary>
/// One ridge regression per model on a small feature vector x (a disjoint LinUCB): A_a = λI + Σ n x xᵀ kept as its
/// inverse, b_a = Σ (QoE sum) x, mean θ_aᵀx with θ_a = A_a⁻¹ b_a and width √(xᵀ A_a⁻¹ x). Updated by Sherman–Morrison
/// (one rank-one term per merged feedback row), rebuilt from scratch when the features change (the neural policies'
/// φ moves at every retraining). Shared by the simulated and the hosted Neural-LinUCB policies so both do the same
/// arithmetic in the same order (the hosted one is checked against the simulated one).
/// </summary>
public sealed class PerModelRidge
{
    private readonly double[][] _inverse; // per model, p × p row-major
    private readonly double[][] _b;
    private readonly double[] _work;

    public PerModelRidge(int models, int features, double lambda)
    {
        if (models < 1) throw new ArgumentOutOfRangeException(nameof(models), $"need at least one model, got {models}");
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), $"need at least one feature, got {features}");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), $"lambda must be finite and > 0, got {lambda}");
        Models = models;
        Features = features;
        Lambda = lambda;
        _inverse = new double[models][];
        _b = new double[models][];
        for (int a = 0; a < models; a++) { _inverse[a] = new double[features * features]; _b[a] = new double[features]; }
        _work = new double[features];
        Reset();
    }

    public int Models { get; }
    public int Features { get; }
    public double Lambda { get; }

    /// <summary>Every model back to A = λI, b = 0.</summary>
    public void Reset()
    {
        for (int a = 0; a < Models; a++)
        {
            Array.Clear(_inverse[a]);
            Array.Clear(_b[a]);
            for (int i = 0; i < Features; i++) _inverse[a][i * Features + i] = 1 / Lambda;
        }
    }

    /// <summary>A_a⁻¹ ← (A_a + count·x xᵀ)⁻¹ by Sherman–Morrison; b_a += sum · x.</summary>
    public void Add(int model, ReadOnlySpan<double> x, double count, double sum)
    {
        int p = Features;
        if (x.Length != p) throw new ArgumentException($"x has {x.Length} features, the ridge {p}");
        var inv = _inverse[model];
        for (int i = 0; i < p; i++) { double s = 0; for (int j = 0; j < p; j++) s += inv[i * p + j] * x[j]; _work[i] = s; }
        double den = 1 / count;
        for (int i = 0; i < p; i++) den += x[i] * _work[i];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) inv[i * p + j] -= _work[i] * _work[j] / den;
        for (int i = 0; i < p; i++) _b[model][i] += sum * x[i];
    }

    /// <summary>The ridge mean θ_aᵀx and the width √(xᵀ A_a⁻¹ x) of model a at x.</summary>
    public (double Mean, double Width) Score(int model, ReadOnlySpan<double> x)
    {
        int p = Features;
        var inv = _inverse[model];
        var b = _b[model];
        double quad = 0, ridge = 0;
        for (int i = 0; i < p; i++)
        {
            double ai = 0, ti = 0;
            for (int j = 0; j < p; j++) { ai += inv[i * p + j] * x[j]; ti += inv[i * p + j] * b[j]; }
            quad += x[i] * ai;
            ridge += x[i] * ti;
        }
        return (ridge, Math.Sqrt(Math.Max(quad, 0)));
    }

    /// <summary>Every A_a⁻¹ then every b_a, concatenated (for a saved state).</summary>
    public double[] Export() => [.. _inverse.SelectMany(v => v), .. _b.SelectMany(v => v)];

    /// <summary>Restores what <see cref="Export"/> wrote.</summary>
    public void Import(ReadOnlySpan<double> values)
    {
        int p2 = Features * Features, want = Models * (p2 + Features);
        if (values.Length != want) throw new ArgumentException($"ridge state has {values.Length} values, expected {want} ({Models} models x ({Features}² + {Features}))");
        for (int a = 0; a < Models; a++) values.Slice(a * p2, p2).CopyTo(_inverse[a]);
        for (int a = 0; a < Models; a++) values.Slice(Models * p2 + a * Features, Features).CopyTo(_b[a]);
    }
}
