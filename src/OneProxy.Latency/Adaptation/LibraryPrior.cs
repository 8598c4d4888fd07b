using OneProxy.Predictors;

namespace OneProxy.Adaptation;

/// <summary>
/// A Gaussian prior over a target's operator costs learned from the library (issue 19, item 3):
/// each characterised device's predictor weights divided by its mean predicted latency on a
/// reference set (so a slow and a fast device with the same relative costs coincide), then their
/// mean and Ledoit-Wolf shrunk covariance. The covariance says which operator costs move
/// together across devices, so a handful of target samples can move all of them at once.
/// </summary>
public sealed class LibraryPrior
{
    private LibraryPrior(double[] mean, double[,] covariance, double shrinkage, int devices, double[]? anchor)
    {
        Anchor = anchor;
        Mean = mean;
        Covariance = covariance;
        Shrinkage = shrinkage;
        Devices = devices;
    }

    /// <summary>Mean normalised weight vector (bias last).</summary>
    public double[] Mean { get; }

    /// <summary>Shrunk covariance of the normalised weight vectors (features x features).</summary>
    public double[,] Covariance { get; }

    /// <summary>Ledoit-Wolf intensity towards a scaled identity (0: the sample covariance, 1: isotropic).</summary>
    public double Shrinkage { get; }

    public int Devices { get; }

    /// <summary>A second mean direction, normalised like the others (the proxy's weights), or null.</summary>
    public double[]? Anchor { get; }

    /// <summary>The prior of <paramref name="devices"/> (at least 2), each normalised by its mean prediction on <paramref name="reference"/>.</summary>
    /// <param name="anchor">A device the prior is also centred on (the proxy: the fit may mix the library mean and it).</param>
    public static LibraryPrior Of(IReadOnlyList<LinearPredictor> devices, FeatureMatrix reference, LinearPredictor? anchor = null)
    {
        if (devices.Count < 2) throw new ArgumentException($"a library prior needs at least 2 devices, got {devices.Count}");
        int p = reference.Features;
        var rows = new double[devices.Count, p];
        for (int d = 0; d < devices.Count; d++)
        {
            var v = Normalised(devices[d], reference);
            for (int j = 0; j < p; j++) rows[d, j] = v[j];
        }
        var (cov, mean, rho) = LedoitWolf.Estimate(rows);
        return new LibraryPrior(mean, cov, rho, devices.Count, anchor is null ? null : Normalised(anchor, reference));
    }

    private static double[] Normalised(LinearPredictor device, FeatureMatrix reference)
    {
        var w = device.Weights;
        if (w.Length != reference.Features) throw new ArgumentException($"device '{device.Device}' has {w.Length} weights, the reference {reference.Features} features");
        double scale = reference.Multiply(w).Average();
        // A device predicting zero on average carries no relative costs; it would only inflate the covariance.
        if (!(scale > 0)) scale = 1;
        return [.. w.Select(v => v / scale)];
    }
}
