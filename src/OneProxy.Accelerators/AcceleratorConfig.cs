namespace OneProxy.Accelerators;

/// <summary>
/// One accelerator design in MAESTRO's hardware-file terms: dataflow, number of PEs, NoC and
/// off-chip bandwidth (data elements per cycle), L1/L2 size constraints (bytes; MAESTRO only
/// warns when a layer exceeds them, so they do not change cycles or energy) and the NoC hop count
/// (MAESTRO's <c>NoC_NumHops</c>, default 1). Construct with <see cref="Create"/> to validate.
/// </summary>
public sealed record AcceleratorConfig(
    Dataflow Dataflow, int NumPes, int NocBandwidth, int OffchipBandwidth,
    int L1Size = 100, int L2Size = 3000, int NocHops = 1)
{
    /// <summary>Validated constructor: every size and bandwidth must be positive.</summary>
    public static AcceleratorConfig Create(Dataflow dataflow, int numPes, int nocBandwidth, int offchipBandwidth,
        int l1Size = 100, int l2Size = 3000, int nocHops = 1)
    {
        var c = new AcceleratorConfig(dataflow, numPes, nocBandwidth, offchipBandwidth, l1Size, l2Size, nocHops);
        c.Validate();
        return c;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the impossible value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Dataflow)) throw new UnusableDataException($"unknown dataflow {(int)Dataflow}");
        if (NumPes <= 0) throw new UnusableDataException($"number of PEs must be positive, got {NumPes}");
        if (NocBandwidth <= 0) throw new UnusableDataException($"NoC bandwidth must be positive, got {NocBandwidth}");
        if (OffchipBandwidth <= 0) throw new UnusableDataException($"off-chip bandwidth must be positive, got {OffchipBandwidth}");
        if (L1Size <= 0) throw new UnusableDataException($"L1 size must be positive, got {L1Size}");
        if (L2Size <= 0) throw new UnusableDataException($"L2 size must be positive, got {L2Size}");
        if (NocHops <= 0) throw new UnusableDataException($"NoC hop count must be positive, got {NocHops}");
    }

    /// <summary>Short label, e.g. <c>KC-P/512pe/noc900/off350</c>.</summary>
    public string Label => $"{DataflowNames.Thesis(Dataflow)}/{NumPes}pe/noc{NocBandwidth}/off{OffchipBandwidth}";
}
