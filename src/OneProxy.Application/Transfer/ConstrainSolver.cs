using System.Collections.Concurrent;
using OneProxy.Search;

namespace OneProxy.Application.Transfer;

/// <summary>
/// x*(t) = argmin of Eq. (1.6) over candidates scored on the proxy's predictor, cached per t
/// (the bisection revisits none, but targets and the explanation share them).
/// </summary>
public sealed class ConstrainSolver(Candidate[] scored)
{
    private readonly ObjectiveScale _scale = ObjectiveScale.From(scored);
    private readonly ConcurrentDictionary<double, Candidate> _cache = new();

    /// <summary>Every candidate with its predicted latency and accuracy.</summary>
    public IReadOnlyList<Candidate> Scored => scored;

    public Candidate Solve(double t) => _cache.GetOrAdd(t, tt => scored.MinBy(c => _scale.Fitness(c, tt))!);
}
