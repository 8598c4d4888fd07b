using OneProxy.SearchSpaces;
using OneProxy.Transfer;

namespace OneProxy.Application.Spaces;

/// <summary><c>oneproxy sample</c>: distinct random architectures, one text form per line.</summary>
public sealed record SampleRequest(string Space, int Count = 100, int Seed = 0)
{
    public SampleRequest Validate()
    {
        Require.AtLeast(Count, 1, "count");
        return this;
    }
}

/// <summary><c>oneproxy depth-scale</c>: the paper's depth-scaling family of one architecture.</summary>
public sealed record DepthScaleRequest(string Space, string Architecture, int MaxChange = 2)
{
    public DepthScaleRequest Validate()
    {
        Require.AtLeast(MaxChange, 0, "max-change");
        return this;
    }
}

public static class SpaceUseCases
{
    /// <summary>
    /// One random consumer, so the seed is used as given: docs/data/mobilenetv2-300-archs.txt
    /// (<c>--count 300 --seed 1</c>) was measured on real hardware and must stay reproducible.
    /// </summary>
    public static IReadOnlyList<string> Sample(SampleRequest request)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space);
        return s.SampleDistinct(request.Count, new Random(request.Seed)).Select(s.Format).ToArray();
    }

    public static IReadOnlyList<string> DepthScale(DepthScaleRequest request)
    {
        request.Validate();
        var s = SearchSpaceRegistry.Get(request.Space) as MbConvSpace
            ?? throw new InvalidOptionException("space", $"depth scaling needs a stage space (mobilenetv2 or ofa-mbv3), not {request.Space}");
        return DepthScaling.Family(s, s.Parse(request.Architecture), request.MaxChange).Select(s.Format).ToArray();
    }

    /// <summary>One architecture per line (an agent's input).</summary>
    public static string Lines(IEnumerable<string> archs) => string.Concat(archs.Select(a => a + "\n"));
}
