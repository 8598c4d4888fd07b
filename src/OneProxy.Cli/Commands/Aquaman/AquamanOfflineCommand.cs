using System.CommandLine;
using OneProxy.Aquaman.Evaluation;

namespace OneProxy.Cli.Commands.Aquaman;

/// <summary><c>oneproxy aquaman offline</c>: replay / IPS / SNIPS estimates from a uniformly explored log vs the simulated truth.</summary>
public static class AquamanOfflineCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "thesis | synthetic | synthetic-laplacian | synthetic-large | measured", DefaultValueFactory = _ => "thesis" };
        var rounds = new Option<int>("--rounds") { Description = "Logged rounds (uniformly random policy)", DefaultValueFactory = _ => 20_000 };
        var policies = new Option<PolicyKind[]>("--policies") { Description = "Target policies, comma-separated", DefaultValueFactory = _ => [PolicyKind.Static, PolicyKind.Oracle, PolicyKind.LinUcb, PolicyKind.Aquaman], CustomParser = AquamanCommand.PolicyList };
        var seeds = new Option<int>("--seeds") { Description = "Seeds --seed .. --seed+N-1", DefaultValueFactory = _ => 3 };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.Output();
        var cmd = new Command("offline",
            "Offline evaluation: log a uniformly random policy with propensities, estimate each target's average QoE from the log " +
            "(replay, IPS, self-normalised IPS) and print it beside the target's simulated online value (CSV).\n" +
            "Example: oneproxy aquaman offline --env thesis --policies static,oracle,linucb,aquaman --seeds 3")
        {
            env, rounds, policies, seeds, seed, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            if (!Factories.TryParseEnvironment(parse.GetValue(env)!, out var kind))
                throw new UnusableDataException($"--env: unknown environment '{parse.GetValue(env)}'");
            var options = new SimulationOptions
            {
                Environment = kind, Rounds = parse.GetValue(rounds), Policies = parse.GetValue(policies)!, Seeds = parse.GetValue(seeds), FirstSeed = parse.GetValue(seed),
            }.Validated();
            var rows = OfflineUseCase.Execute(new OfflineRequest(options));
            CommonOptions.Emit(parse, output, OfflineUseCase.Csv(rows));
            return 0;
        }));
        return cmd;
    }
}
