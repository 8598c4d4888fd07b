using System.Numerics;

namespace OneProxy.SearchSpaces;

/// <summary>
/// A NAS search space. Architectures are gene vectors: gene <c>i</c> takes a value in
/// <c>[0, GeneChoices[i])</c>. Sampling, mutation and crossover work on genes (see
/// <see cref="GeneOperators"/>), so search code only depends on this interface.
/// </summary>
public interface ISearchSpace
{
    /// <summary>Registry name, e.g. <c>nasbench201</c>.</summary>
    string Name { get; }

    /// <summary>Input resolution in pixels of the space's networks; 0 where each architecture picks its own.</summary>
    int InputSize { get; }

    /// <summary>Number of choices of each gene.</summary>
    IReadOnlyList<int> GeneChoices { get; }

    /// <summary>Length of <see cref="Encode"/>'s output; the last feature is a constant 1 (bias).</summary>
    int FeatureCount { get; }

    /// <summary>A name per feature, for predictor files and reports.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of distinct canonical architectures.</summary>
    BigInteger Size { get; }

    /// <summary>Parses the space's textual form; throws <see cref="ArchitectureFormatException"/>.</summary>
    Architecture Parse(string text);

    /// <summary>The canonical textual form; <c>Parse(Format(a))</c> equals <c>Canonicalize(a)</c>.</summary>
    string Format(Architecture architecture);

    /// <summary>
    /// Maps genes that describe the same network to one representative (e.g. blocks that a
    /// shallower stage drops get fixed values), so duplicates are detected and sampling
    /// does not count one network twice.
    /// </summary>
    Architecture Canonicalize(ReadOnlySpan<int> genes);

    /// <summary>Writes the operator-level feature vector (one-hot choices, bias last).</summary>
    void Encode(Architecture architecture, Span<double> features);

    /// <summary>FLOPs and parameters under the macro-architecture documented on the class.</summary>
    ModelCost Cost(Architecture architecture);

    /// <summary>Every architecture; only for spaces with <see cref="Size"/> up to a few million.</summary>
    IEnumerable<Architecture> Enumerate();
}
