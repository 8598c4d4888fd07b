namespace OneProxy.Aquaman.Policies;

/// <summary>
/// Z = λI + Σ u uᵀ over the gradient features u = g / √m of the feedbacks received (thesis Eq. 2.9), and the
/// bonus ‖u‖_{Z⁻¹} = √(uᵀ Z⁻¹ u). Dense form keeps Z⁻¹ itself (Sherman–Morrison: Z⁻¹ ← Z⁻¹ − (Z⁻¹u)(Z⁻¹u)ᵀ / (1 + uᵀZ⁻¹u));
/// diagonal form keeps diag(Z) and uses diag(Z)⁻¹.
/// </summary>
public sealed class ExplorationMatrix
{
    private readonly double[] _values; // diagonal: diag(Z) (p); dense: Z⁻¹ row-major (p × p)
    private readonly double[][] _v = [];  // dense: queued Sherman–Morrison vectors v_k = Z⁻¹u_k
    private readonly double[] _c = [];    // dense: their coefficients 1 / (1 + u_kᵀ v_k)
    private readonly int[] _nonZero;
    private int _pending;

    /// <summary>Rank-one updates queued before one pass over the dense inverse applies them all.</summary>
    public const int Block = 32;

    public ExplorationMatrix(ZMatrixForm form, int size, double lambda)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), $"need size >= 1, got {size}");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), $"lambda must be positive, got {lambda}");
        if (form == ZMatrixForm.Dense && (long)size * size > 64L * 1024 * 1024)
            throw new ArgumentException($"a dense Z for {size} parameters needs {(long)size * size * 8 / (1 << 20)} MiB; use the diagonal form");
        Form = form;
        Size = size;
        Lambda = lambda;
        _nonZero = new int[size];
        if (form == ZMatrixForm.Diagonal) { _values = new double[size]; Array.Fill(_values, lambda); }
        else
        {
            _values = new double[(long)size * size];
            for (int i = 0; i < size; i++) _values[(long)i * size + i] = 1 / lambda;
            _v = Enumerable.Range(0, Block).Select(_ => new double[size]).ToArray();
            _c = new double[Block];
        }
    }

    public ZMatrixForm Form { get; }
    public int Size { get; }
    public double Lambda { get; }

    /// <summary>Number of rank-one updates so far.</summary>
    public long Updates { get; private set; }

    /// <summary>The stored numbers (diag Z, or Z⁻¹ row-major) for saving; <see cref="Restore"/> loads them back.</summary>
    public ReadOnlySpan<double> Values
    {
        get
        {
            if (_pending > 0) Flush();
            return _values;
        }
    }

    public void Restore(ReadOnlySpan<double> values, long updates)
    {
        if (values.Length != _values.Length) throw new ArgumentException($"Z state has {values.Length} numbers, expected {_values.Length}");
        foreach (var v in values) if (!double.IsFinite(v)) throw new ArgumentException("Z state has a non-finite number");
        values.CopyTo(_values);
        _pending = 0;
        Updates = updates;
    }

    /// <summary>
    /// Z ← λI + Σ_c n_c u_c u_cᵀ from scratch (rows u_c, weights n_c). Dense: by Woodbury with the C × C system
    /// Z⁻¹ = (I − Uᵀ (λN⁻¹ + U Uᵀ)⁻¹ U) / λ, which costs C·p² instead of the p³ of inverting Z, so it is meant for
    /// few distinct contexts. <see cref="Updates"/> becomes Σ n_c.
    /// </summary>
    public void Rebuild(IReadOnlyList<double[]> u, ReadOnlySpan<double> counts)
    {
        if (counts.Length != u.Count) throw new ArgumentException($"{u.Count} feature rows but {counts.Length} counts");
        foreach (var row in u) Check(row);
        foreach (var n in counts) if (!(n > 0) || !double.IsFinite(n)) throw new ArgumentException($"a count must be positive, got {n}");
        _pending = 0;
        double total = 0;
        foreach (var n in counts) total += n;
        Updates = (long)Math.Round(total);
        if (Form == ZMatrixForm.Diagonal)
        {
            Array.Fill(_values, Lambda);
            for (int c = 0; c < u.Count; c++)
                for (int k = 0; k < Size; k++) _values[k] += counts[c] * u[c][k] * u[c][k];
            return;
        }
        int rows = u.Count;
        var system = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows, rows);
        for (int a = 0; a < rows; a++)
            for (int b = 0; b <= a; b++)
            {
                double v = VectorOps.Dot(u[a], u[b]) + (a == b ? Lambda / counts[a] : 0);
                system[a, b] = v;
                system[b, a] = v;
            }
        var g = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows, Size, (r, k) => u[r][k]);
        var h = system.Cholesky().Solve(g); // (λN⁻¹ + UUᵀ)⁻¹ U, C × p
        var hRows = Enumerable.Range(0, rows).Select(r => h.Row(r).ToArray()).ToArray();
        Array.Clear(_values);
        for (int i = 0; i < Size; i++)
        {
            var row = _values.AsSpan(i * Size, Size);
            for (int r = 0; r < rows; r++)
            {
                double a = -u[r][i] / Lambda;
                if (a != 0) VectorOps.Axpy(a, hRows[r], row);
            }
            row[i] += 1 / Lambda;
        }
    }

    /// <summary>√(uᵀ Z⁻¹ u).</summary>
    public double Norm(ReadOnlySpan<double> u)
    {
        Check(u);
        double q = 0;
        if (Form == ZMatrixForm.Diagonal)
        {
            for (int k = 0; k < u.Length; k++) q += u[k] * u[k] / _values[k];
            return Math.Sqrt(q);
        }
        int nz = NonZeros(u);
        for (int a = 0; a < nz; a++)
        {
            int i = _nonZero[a];
            q += u[i] * VectorOps.Dot(_values.AsSpan(i * Size, Size), u); // rows of zero entries contribute nothing
        }
        for (int k = 0; k < _pending; k++)
        {
            double vu = SparseDot(_v[k], u, nz);
            q -= _c[k] * vu * vu;
        }
        return Math.Sqrt(Math.Max(q, 0));
    }

    /// <summary>
    /// √(uᵀ Z⁻¹ u) for several vectors at once (rows of <paramref name="u"/>, <paramref name="count"/> of them): the dense
    /// inverse is read once for all of them instead of once per vector, which is what makes a decision over many arms fast.
    /// </summary>
    public void Norms(double[][] u, int count, Span<double> norms)
    {
        if (count > u.Length || norms.Length < count) throw new ArgumentException($"{count} vectors need {count} rows and outputs, got {u.Length} and {norms.Length}");
        for (int a = 0; a < count; a++) Check(u[a]);
        if (Form == ZMatrixForm.Diagonal)
        {
            for (int a = 0; a < count; a++) norms[a] = Norm(u[a]);
            return;
        }
        // Z⁻¹ is symmetric: uᵀZ⁻¹u = Σ_i u_i (Z⁻¹_ii u_i + 2 Σ_{j>i} Z⁻¹_ij u_j), so only the upper triangle is read
        // (half the work of full rows); rows of zero entries (inactive ReLU paths) are skipped.
        norms[..count].Clear();
        for (int i = 0; i < Size; i++)
        {
            ReadOnlySpan<double> upper = _values.AsSpan(i * Size + i + 1, Size - i - 1);
            double diagonal = _values[i * Size + i];
            for (int a = 0; a < count; a++)
            {
                double ui = u[a][i];
                if (ui != 0) norms[a] += ui * (diagonal * ui + 2 * VectorOps.Dot(upper, u[a].AsSpan(i + 1)));
            }
        }
        for (int a = 0; a < count; a++)
        {
            double q = norms[a];
            for (int k = 0; k < _pending; k++)
            {
                double vu = VectorOps.Dot(_v[k], u[a]);
                q -= _c[k] * vu * vu;
            }
            norms[a] = Math.Sqrt(Math.Max(q, 0));
        }
    }

    /// <summary>Z ← Z + u uᵀ.</summary>
    public void Add(ReadOnlySpan<double> u)
    {
        Check(u);
        Updates++;
        if (Form == ZMatrixForm.Diagonal)
        {
            for (int k = 0; k < u.Length; k++) _values[k] += u[k] * u[k];
            return;
        }
        // v = Z⁻¹u with the current inverse: the stored base (symmetric, so a sum of its rows at u's non-zeros)
        // minus the pending rank-one terms; then Z⁻¹ ← Z⁻¹ − v vᵀ / (1 + uᵀv) is queued and applied in blocks.
        int nz = NonZeros(u);
        var v = _v[_pending];
        Array.Clear(v);
        for (int a = 0; a < nz; a++)
        {
            int j = _nonZero[a];
            VectorOps.Axpy(u[j], _values.AsSpan(j * Size, Size), v);
        }
        for (int k = 0; k < _pending; k++) VectorOps.Axpy(-_c[k] * SparseDot(_v[k], u, nz), _v[k], v);
        _c[_pending] = 1 / (1 + SparseDot(v, u, nz));
        if (++_pending == _v.Length) Flush();
    }

    /// <summary>Applies the queued rank-one terms to the stored inverse (one pass over Z⁻¹ for the whole block).</summary>
    private void Flush()
    {
        for (int i = 0; i < Size; i++)
        {
            var row = _values.AsSpan(i * Size, Size);
            for (int k = 0; k < _pending; k++)
            {
                double a = -_c[k] * _v[k][i];
                if (a != 0) VectorOps.Axpy(a, _v[k], row);
            }
        }
        _pending = 0;
    }

    private int NonZeros(ReadOnlySpan<double> u)
    {
        int nz = 0;
        for (int i = 0; i < u.Length; i++) if (u[i] != 0) _nonZero[nz++] = i;
        return nz;
    }

    private double SparseDot(double[] v, ReadOnlySpan<double> u, int nz)
    {
        double s = 0;
        for (int a = 0; a < nz; a++) s += v[_nonZero[a]] * u[_nonZero[a]];
        return s;
    }

    private void Check(ReadOnlySpan<double> u)
    {
        if (u.Length != Size) throw new ArgumentException($"gradient feature has {u.Length} entries, Z is {Size} x {Size}");
    }
}
