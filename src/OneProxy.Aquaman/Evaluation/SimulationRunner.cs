using System.Collections.Concurrent;
using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Evaluation;

/// <summary>The result of <c>aquaman simulate</c>: one summary per policy plus every run.</summary>
public sealed record SimulationReport(SimulationOptions Options, string EnvironmentLabel, string EnvironmentDescription,
    IReadOnlyList<string> ModelNames, IReadOnlyList<PolicySummary> Summaries, IReadOnlyList<RunResult> Runs, double Seconds);

/// <summary>Runs every (policy, seed) pair, in parallel, and summarises per policy.</summary>
public static class SimulationRunner
{
    public static SimulationReport Run(SimulationOptions options, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options = options.Validated();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray();
        var envs = new ConcurrentDictionary<int, QoeEnvironment>();
        QoeEnvironment Env(int seed) => envs.GetOrAdd(seed, s => Factories.Environment(options, s));
        var first = Env(seeds[0]);
        var jobs = seeds.SelectMany(s => options.Policies.Select(p => (Seed: s, Policy: p))).ToArray();
        var results = new RunResult[jobs.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken }, j =>
        {
            var (seed, kind) = jobs[j];
            var env = Env(seed);
            results[j] = Simulator.Run(env, Factories.Policy(kind, env, options, seed), options, seed, cancellationToken);
            progress?.Report(Interlocked.Increment(ref done));
        });
        string envName = Factories.Name(options.Environment);
        var summaries = options.Policies.Select(p => PolicySummary.From(envName, options.MaxDelay,
            results.Where((r, j) => jobs[j].Policy == p).ToArray())).ToArray();
        return new SimulationReport(options, first.Label, first.Description, first.Models.Select(m => m.Name).ToArray(), summaries, results, watch.Elapsed.TotalSeconds);
    }
}
