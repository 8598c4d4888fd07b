namespace OneProxy.Accelerators.Maestro;

internal enum DataClass : byte { Input = 0, Weight = 1, Output = 2 }

/// <summary>A tensor and the loop dimensions that index it (its "coupled" variables).</summary>
internal sealed class Tensor(DataClass cls, int[] coupled)
{
    public DataClass Class { get; } = cls;
    public int[] Coupled { get; } = coupled;
    public bool IsOutput => Class == DataClass.Output;

    public bool IsCoupled(int d) => Array.IndexOf(Coupled, d) >= 0;

    private static readonly Tensor[] ConvTensors =
    [
        new(DataClass.Input, [Dim.C, Dim.Y, Dim.X]),
        new(DataClass.Weight, [Dim.K, Dim.C, Dim.R, Dim.S]),
        new(DataClass.Output, [Dim.K, Dim.Y, Dim.X]),
    ];

    private static readonly Tensor[] DepthwiseTensors =
    [
        new(DataClass.Input, [Dim.C, Dim.Y, Dim.X]),
        new(DataClass.Weight, [Dim.C, Dim.R, Dim.S]),
        new(DataClass.Output, [Dim.C, Dim.Y, Dim.X]),
    ];

    public static Tensor[] For(LayerKind kind) => kind == LayerKind.DepthwiseConv ? DepthwiseTensors : ConvTensors;

    /// <summary>The sorted, distinct dimensions of the input and weight tensors (MAESTRO's "input tensor vars").</summary>
    public static int[] InputVars(Tensor[] tensors)
    {
        var set = new SortedSet<string>();
        foreach (var t in tensors)
            if (!t.IsOutput)
                foreach (var d in t.Coupled) set.Add(Dim.Name(d));
        return set.Select(Dim.Parse).ToArray();
    }
}
