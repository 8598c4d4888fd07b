namespace OneProxy.Energy.Constraints;

/// <summary>How <see cref="TwoConstraintSearch"/> walks the (t1, t2) simplex of Eq. (1.7).</summary>
public enum TwoConstraintMethod
{
    /// <summary>
    /// The spec's suggestion: outer bisection on t2 (energy weight) over [0, 1], and for each t2 an
    /// inner Algorithm 1 on t1 in [0, 1 - t2] for latency. Up to about 10 x 10 measurements.
    /// </summary>
    Nested,

    /// <summary>
    /// Bisection along one ray t = s (1 - phi, phi) on the joint predicate "both bounds met", which
    /// (under monotonicity) flips once along the ray: at most ceil(log2(1/granularity + 1)) = 10 measurements.
    /// </summary>
    Ray,

    /// <summary>
    /// <see cref="Ray"/>, then a second ray turned away from the constraint that had room at the
    /// first ray's boundary (the binding one keeps its weight, the slack one loses half), bisected
    /// between s = 0 and the first ray's answer: up to twice the measurements, more accuracy.
    /// </summary>
    RayTurn,
}
