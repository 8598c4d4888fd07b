namespace OneProxy.Adaptation;

/// <summary>The candidate the automatic choice keeps unless another beats it beyond noise (<see cref="AutoSelection"/>).</summary>
public enum AutoBaseline
{
    /// <summary>The library prior's posterior (falls back to the raw proxy where the prior is not fitted or not usable).</summary>
    Prior,

    /// <summary>The raw proxy predictor.</summary>
    Proxy,
}
