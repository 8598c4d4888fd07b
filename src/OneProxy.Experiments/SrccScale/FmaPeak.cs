using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OneProxy.Experiments.SrccScale;

/// <summary>
/// The machine's measured float64 peak: every thread runs independent 256-bit FMA chains that
/// never touch memory (enough chains to hide FMA latency), so nothing but the FMA units limits it.
/// </summary>
public static class FmaPeak
{
    /// <summary>Whether 512-bit vectors run in hardware (the SRCC kernel uses 256-bit ones; this peak is reported beside).</summary>
    public static bool Vector512Available => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <param name="wide">512-bit chains instead of the 256-bit ones the SRCC kernel uses.</param>
    public static double MeasureGflops(int threads, TimeSpan duration, bool wide = false)
    {
        if (threads < 1) threads = Environment.ProcessorCount;
        if (wide && !Vector512Available) throw new PlatformNotSupportedException("no 512-bit vectors on this machine");
        const long Steps = 4_000_000; // 4M x 12 chains x 4 lanes x 2 flops = 384 MFLOP per call (twice that wide)
        int lanes = wide ? 8 : 4;
        Func<long, double> chains = wide ? Chains512 : Chains;
        chains(1000); // JIT
        var sw = Stopwatch.StartNew();
        var rounds = new List<double>();
        var sink = new double[threads];
        while (sw.Elapsed < duration || rounds.Count < 3)
        {
            var round = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t => sink[t] = chains(Steps));
            rounds.Add(threads * Steps * 12.0 * lanes * 2 / round.Elapsed.TotalSeconds / 1e9);
        }
        if (sink.Any(double.IsNaN)) throw new InvalidOperationException("FMA chains produced NaN");
        // The median round: the best one can be a scheduling artefact on a shared machine.
        rounds.Sort();
        return rounds[rounds.Count / 2];
    }

    private static double Chains(long steps)
    {
        Vector256<double> m = Vector256.Create(0.999999), a = Vector256.Create(1e-9);
        Vector256<double> c0 = Vector256.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long s = 0; s < steps; s++)
        {
            c0 = F(c0, m, a); c1 = F(c1, m, a); c2 = F(c2, m, a); c3 = F(c3, m, a);
            c4 = F(c4, m, a); c5 = F(c5, m, a); c6 = F(c6, m, a); c7 = F(c7, m, a);
            c8 = F(c8, m, a); c9 = F(c9, m, a); c10 = F(c10, m, a); c11 = F(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static double Chains512(long steps)
    {
        Vector512<double> m = Vector512.Create(0.999999), a = Vector512.Create(1e-9);
        Vector512<double> c0 = Vector512.Create(1.0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
            c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long s = 0; s < steps; s++)
        {
            c0 = F(c0, m, a); c1 = F(c1, m, a); c2 = F(c2, m, a); c3 = F(c3, m, a);
            c4 = F(c4, m, a); c5 = F(c5, m, a); c6 = F(c6, m, a); c7 = F(c7, m, a);
            c8 = F(c8, m, a); c9 = F(c9, m, a); c10 = F(c10, m, a); c11 = F(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static Vector512<double> F(Vector512<double> c, Vector512<double> m, Vector512<double> a) =>
        Avx512F.FusedMultiplyAdd(c, m, a);

    private static Vector256<double> F(Vector256<double> c, Vector256<double> m, Vector256<double> a) =>
        Fma.IsSupported ? Fma.MultiplyAdd(c, m, a) : c * m + a;
}
