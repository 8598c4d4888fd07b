namespace OneProxy.SearchSpaces;

/// <summary>
/// Compute and size of one network. <see cref="MFlops"/> counts one multiply-accumulate as one
/// FLOP, the convention of NAS-Bench-201, OFA and FBNet papers; <see cref="MParams"/> counts
/// weights (convolutions, BN affine, linear layers) in millions.
/// </summary>
public readonly record struct ModelCost(double MFlops, double MParams);
