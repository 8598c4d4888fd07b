namespace OneProxy.Accelerators;

/// <summary>
/// Cost of one layer: cycles, energy (nJ) as MAESTRO reports it, and its parts: L2 (upstream)
/// accesses of this layer and L1 (downstream, top level) accesses of this layer. MAESTRO's
/// per-layer energy of a multi-level mapping (KC-P, YR-P) counts the <em>previous</em> layer's L1
/// accesses (its output writer reads them from a variable it updates later); see
/// <see cref="CostModel.Evaluate"/>.
/// </summary>
public readonly record struct LayerCost(long Cycles, long L2Accesses, long L1Accesses, long PartialSums, bool MultiLevel)
{
    /// <summary>MAESTRO's energy weights: L1 access 1.68, L2 access 18.61 MAC-energy units of 0.00023 nJ.</summary>
    public const double L1Energy = 1.68, L2Energy = 18.61, MacEnergyNj = 0.00023;

    /// <summary>Energy (nJ) of L2 accesses plus the given L1 access count.</summary>
    public double EnergyNj(long l1Accesses) => (L2Accesses * L2Energy + l1Accesses * L1Energy) * MacEnergyNj;
}

/// <summary>Cycles and energy of a whole network on one accelerator.</summary>
public readonly record struct NetworkCost(long Cycles, double EnergyNj);
