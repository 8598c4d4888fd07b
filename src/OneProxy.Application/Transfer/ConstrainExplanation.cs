using System.Globalization;
using OneProxy.Search;
using OneProxy.SearchSpaces;
using OneProxy.Transfer;

namespace OneProxy.Application.Transfer;

/// <summary>
/// Why constrain chose what it chose: compares the bisection's pick with the recording's most
/// accurate design under the bound and with the best design any t on the grid could have given.
/// A design that is never x*(t) cannot be chosen: on the proxy's predictor it is either
/// dominated, or on the predicted front but inside its convex hull, which no weighted sum
/// (t-1) acc + t lat selects. A design that is x*(t) for some t was reachable, and the text says
/// where the bisection stopped instead.
/// </summary>
public static class ConstrainExplanation
{
    public static string Explain(ConstrainSolver solver, BisectionResult result, double limitMs, double toleranceMs, double granularity,
        IReadOnlyDictionary<Architecture, double> measuredMs, Candidate? oracleBest, Func<Architecture, string> format)
    {
        var inv = CultureInfo.InvariantCulture;
        var best = result.Best;
        if (oracleBest is null) return "no recorded design meets the bound";
        if (best is not null && best.AccuracyPercent >= oracleBest.AccuracyPercent - 1e-9)
            return string.Create(inv, $"chose the recording's most accurate design under {limitMs:G5} ms");
        int grid = (int)Math.Round(1 / granularity);
        // Every x*(t) on the grid, with the t interval that gives it.
        var reach = new Dictionary<Architecture, (Candidate C, double From, double To)>();
        for (int i = 0; i <= grid; i++)
        {
            double t = i / (double)grid;
            var c = solver.Solve(t);
            reach[c.Architecture] = reach.TryGetValue(c.Architecture, out var r) ? (r.C, r.From, t) : (c, t, t);
        }
        var parts = new List<string>();
        var reachableBest = reach.Values.Where(r => measuredMs.TryGetValue(r.C.Architecture, out var ms) && ms <= limitMs + toleranceMs)
            .OrderByDescending(r => r.C.AccuracyPercent).FirstOrDefault();
        string last = result.Steps.Count == 0 ? "no step" : string.Create(inv, $"t = {result.Steps[^1].T:0.000} ({result.Steps[^1].MeasuredLatencyMs:G5} ms measured)");
        bool stoppedInBand = result.Steps.Count > 0 && Math.Abs(result.Steps[^1].MeasuredLatencyMs - limitMs) < toleranceMs;
        if (reachableBest.C is not null && (best is null || reachableBest.C.AccuracyPercent > best.AccuracyPercent + 1e-9))
            parts.Add(string.Create(inv, $"x*(t) for t in [{reachableBest.From:0.000}, {reachableBest.To:0.000}] would give {reachableBest.C.AccuracyPercent:0.00}% at {measuredMs[reachableBest.C.Architecture]:G5} ms")
                + (measuredMs[reachableBest.C.Architecture] > limitMs ? " (over the bound, within the tolerance), " : ", ")
                + $"but the bisection stopped at {last} " + (stoppedInBand ? string.Create(inv, $"inside the tolerance band +-{toleranceMs:G3} ms") : $"after {result.Steps.Count} steps (grid exhausted)"));
        else
            parts.Add(string.Create(inv, $"no t on the grid gives a more accurate design under the bound ({reach.Count} distinct x*(t) over {grid + 1} values of t)"));
        if (!reach.ContainsKey(oracleBest.Architecture))
        {
            var o = solver.Scored.FirstOrDefault(c => c.Architecture.Equals(oracleBest.Architecture));
            string head = string.Create(inv, $"the recording's best under the bound ({oracleBest.AccuracyPercent:0.00}% at {oracleBest.LatencyMs:G5} ms, {format(oracleBest.Architecture)}) is x*(t) for no t: ");
            if (o is null) parts.Add(head + "it is not among the searched architectures");
            else
            {
                var dominating = solver.Scored.Where(c => c.LatencyMs <= o.LatencyMs && c.AccuracyPercent >= o.AccuracyPercent
                        && (c.LatencyMs < o.LatencyMs || c.AccuracyPercent > o.AccuracyPercent))
                    .OrderByDescending(c => c.AccuracyPercent).ThenBy(c => c.LatencyMs).FirstOrDefault();
                parts.Add(head + (dominating is null
                    ? string.Create(inv, $"on the proxy's predictor ({o.LatencyMs:G5} ms predicted) it is on the front but inside its convex hull, which no weighted sum (t-1) acc + t lat selects")
                    : string.Create(inv, $"on the proxy's predictor it is dominated ({o.LatencyMs:G5} ms predicted; {format(dominating.Architecture)} is predicted {dominating.LatencyMs:G5} ms with {dominating.AccuracyPercent:0.00}%)")));
            }
        }
        else
        {
            var r = reach[oracleBest.Architecture];
            parts.Add(string.Create(inv, $"the recording's best under the bound is x*(t) for t in [{r.From:0.000}, {r.To:0.000}], which the bisection did not visit"));
        }
        return string.Join("; ", parts);
    }
}
