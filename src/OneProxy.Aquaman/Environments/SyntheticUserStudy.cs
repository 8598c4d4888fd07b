namespace OneProxy.Aquaman.Environments;

/// <summary>
/// A SYNTHETIC stand-in for the thesis's unpublished user study: 15 participants rate each of the 6 models on each of
/// the 4 devices from 1 to 10. Rating = round(mean + user bias + noise) clipped to 1..10, with user bias ~ N(0, 0.7²)
/// and noise ~ N(0, 1²) around <see cref="ThesisData.MeanRating"/>; ratings are normalised to [0, 1] by (r − 1) / 9.
/// The study is one fixed data set (it does not depend on the simulation's seed): the first of the streams
/// "thesis-user-study/0", "/1", … whose 15-user means satisfy every fact the thesis states is used, and
/// <see cref="Attempt"/> records which.
/// </summary>
public sealed class SyntheticUserStudy
{
    public const int Users = 15;

    private SyntheticUserStudy(double[,,] ratings, int attempt)
    {
        Ratings = ratings;
        Attempt = attempt;
    }

    /// <summary>Normalised ratings [device, model, user] in [0, 1].</summary>
    public double[,,] Ratings { get; }

    /// <summary>Which generator stream gave the first consistent study.</summary>
    public int Attempt { get; }

    public static SyntheticUserStudy Generate()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var study = new SyntheticUserStudy(Draw(SeedStream.Random(0, $"thesis-user-study/{attempt}")), attempt);
            if (study.ConsistencyProblems().Count == 0) return study;
        }
        throw new InvalidOperationException("no consistent synthetic user study in 100 attempts; the designed mean ratings contradict the thesis's facts");
    }

    private static double[,,] Draw(Random rng)
    {
        int devices = ThesisData.DeviceNames.Length, models = ThesisData.ModelNames.Length;
        var r = new double[devices, models, Users];
        for (int u = 0; u < Users; u++)
        {
            double bias = 0.7 * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1);
            for (int d = 0; d < devices; d++)
                for (int m = 0; m < models; m++)
                {
                    double raw = ThesisData.MeanRating[d, m] + bias + MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1);
                    r[d, m, u] = (Math.Clamp(Math.Round(raw), 1, 10) - 1) / 9.0;
                }
        }
        return r;
    }

    /// <summary>Mean normalised rating of the 15 users.</summary>
    public double Mean(int device, int model)
    {
        double s = 0;
        for (int u = 0; u < Users; u++) s += Ratings[device, model, u];
        return s / Users;
    }

    /// <summary>The thesis's facts that this study violates (empty when consistent).</summary>
    public IReadOnlyList<string> ConsistencyProblems()
    {
        var problems = new List<string>();
        int[] optimum = [4, 1, 0, 0]; // Vankyo → M2F, Tab A → M2Q, S5e → I3Q, Vivo → I3Q (L682-690)
        int nl = 5, nlWorst = 0;
        for (int d = 0; d < 4; d++)
        {
            var means = Enumerable.Range(0, 6).Select(m => Mean(d, m)).ToArray();
            int best = Array.IndexOf(means, means.Max());
            if (best != optimum[d] || means.Count(v => v == means[best]) > 1)
                problems.Add($"{ThesisData.DeviceNames[d]}: best is {ThesisData.ModelNames[best]}, thesis says {ThesisData.ModelNames[optimum[d]]}");
            var order = means.Select((v, m) => (v, m)).OrderBy(p => p.v).Select(p => p.m).ToArray();
            if (order[0] == nl) nlWorst++;
            else if (order[1] != nl) problems.Add($"{ThesisData.DeviceNames[d]}: NL is neither worst nor second worst");
        }
        if (nlWorst != 3) problems.Add($"NL is worst on {nlWorst} devices, thesis says 3 of 4 (L875)");
        return problems;
    }
}
