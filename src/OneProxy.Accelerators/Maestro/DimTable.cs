namespace OneProxy.Accelerators.Maestro;

/// <summary>Sizes (and outer strides) of the dimensions a cluster level sees; absent ones have Has = false.</summary>
internal sealed class DimTable
{
    public readonly int[] Size = new int[Dim.Count];
    public readonly int[] Stride = [1, 1, 1, 1, 1, 1, 1, 1];
    public readonly bool[] Has = new bool[Dim.Count];

    public void Set(int d, int size, int stride)
    {
        Size[d] = size;
        Stride[d] = stride;
        Has[d] = true;
    }

    /// <summary>Dimension size; MAESTRO would dereference a missing entry, which is a bug in the template.</summary>
    public int Get(int d) => Has[d] ? Size[d] : throw new InvalidOperationException($"dimension {Dim.Name(d)} missing at this cluster level");

    /// <summary>Key of the sizes, for reusing the analysis of identical sub-cluster tiles.</summary>
    public long Key()
    {
        long h = 17;
        for (int d = 0; d < Dim.Count; d++) h = h * 1_000_003 + (Has[d] ? Size[d] + 1 : 0);
        return h;
    }
}
