using MathNet.Numerics.LinearAlgebra;
using OneProxy.Aquaman.Policies;

namespace OneProxy.Aquaman.Tests;

public class ExplorationMatrixTests
{
    private static double[] Sparse(Random rng, int p) =>
        Enumerable.Range(0, p).Select(_ => rng.NextDouble() < 0.4 ? 0 : rng.NextDouble() * 2 - 1).ToArray();

    [Fact]
    public void Dense_form_matches_the_explicit_inverse_across_a_block_flush()
    {
        const int p = 12;
        const double lambda = 0.7;
        var rng = new Random(4);
        var z = new ExplorationMatrix(ZMatrixForm.Dense, p, lambda);
        var explicitZ = Matrix<double>.Build.DenseIdentity(p) * lambda;
        int updates = ExplorationMatrix.Block + 13; // one flush and a partly filled queue
        for (int k = 0; k < updates; k++)
        {
            var u = Sparse(rng, p);
            z.Add(u);
            var uv = Vector<double>.Build.DenseOfArray(u);
            explicitZ += uv.OuterProduct(uv);
        }
        var inverse = explicitZ.Inverse();
        var probes = Enumerable.Range(0, 5).Select(_ => Sparse(rng, p)).ToArray();
        var batch = new double[probes.Length];
        z.Norms(probes, probes.Length, batch);
        for (int i = 0; i < probes.Length; i++)
        {
            var v = Vector<double>.Build.DenseOfArray(probes[i]);
            double expected = Math.Sqrt(v * inverse * v);
            Assert.Equal(expected, z.Norm(probes[i]), 9);
            Assert.Equal(expected, batch[i], 9);
        }
        var stored = Matrix<double>.Build.Dense(p, p, z.Values.ToArray()).Transpose(); // Values flushes the queue
        Assert.True((stored - inverse).Enumerate().Max(Math.Abs) < 1e-9);
    }

    [Theory]
    [InlineData(ZMatrixForm.Dense)]
    [InlineData(ZMatrixForm.Diagonal)]
    public void Rebuild_equals_adding_each_context_count_times(ZMatrixForm form)
    {
        const int p = 10;
        var rng = new Random(9);
        var rows = Enumerable.Range(0, 4).Select(_ => Sparse(rng, p)).ToArray();
        double[] counts = [3, 1, 2, 5];
        var rebuilt = new ExplorationMatrix(form, p, 0.5);
        rebuilt.Add(Sparse(rng, p)); // forgotten by the rebuild
        rebuilt.Rebuild(rows, counts);
        var added = new ExplorationMatrix(form, p, 0.5);
        for (int c = 0; c < rows.Length; c++)
            for (int k = 0; k < counts[c]; k++) added.Add(rows[c]);
        Assert.Equal(11, rebuilt.Updates);
        var probe = Sparse(rng, p);
        Assert.Equal(added.Norm(probe), rebuilt.Norm(probe), 10);
        var a = added.Values.ToArray();
        var b = rebuilt.Values.ToArray();
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() < 1e-10);
    }

    [Fact]
    public void Context_kernel_bonus_equals_the_dense_inverse_through_increments_and_new_contexts()
    {
        const int p = 9;
        const double lambda = 0.8;
        var rng = new Random(5);
        var rows = Enumerable.Range(0, 3).Select(_ => Sparse(rng, p)).ToArray();
        var kernel = new ContextKernelBonus(p, lambda);
        kernel.Reset(rows, [2.0, 1.0, 4.0]);
        var dense = new ExplorationMatrix(ZMatrixForm.Dense, p, lambda);
        dense.Rebuild(rows, [2.0, 1.0, 4.0]);
        for (int step = 0; step < 40; step++) // 40 arrivals: mostly repeats, a new context now and then (beyond the first capacity of 16)
        {
            if (step % 3 == 0)
            {
                var u = Sparse(rng, p);
                kernel.Append(u);
                dense.Add(u);
            }
            else
            {
                int c = rng.Next(kernel.Count);
                kernel.Increment(c);
                dense.Add(kernel.Rows[c]);
            }
        }
        Assert.Equal(3 + 14, kernel.Count);
        for (int i = 0; i < 5; i++)
        {
            var probe = Sparse(rng, p);
            Assert.Equal(dense.Norm(probe), kernel.Norm(probe), 9);
        }
        Assert.Throws<ArgumentException>(() => kernel.Append(new double[p + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Increment(kernel.Count));
    }

    [Fact]
    public void Diagonal_form_keeps_lambda_plus_squares()
    {
        var z = new ExplorationMatrix(ZMatrixForm.Diagonal, 3, 2.0);
        z.Add([1.0, 0.0, -2.0]);
        z.Add([0.5, 0.0, 0.0]);
        Assert.Equal([3.25, 2.0, 6.0], z.Values.ToArray());
        // ‖(1, 1, 1)‖ with diag(Z)⁻¹: 1/3.25 + 1/2 + 1/6
        Assert.Equal(Math.Sqrt(1 / 3.25 + 0.5 + 1 / 6.0), z.Norm([1.0, 1.0, 1.0]), 12);
    }

    [Fact]
    public void Bad_sizes_are_rejected()
    {
        var z = new ExplorationMatrix(ZMatrixForm.Dense, 4, 1);
        Assert.Contains("4 x 4", Assert.Throws<ArgumentException>(() => z.Add(new double[3])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExplorationMatrix(ZMatrixForm.Diagonal, 4, 0));
    }
}
