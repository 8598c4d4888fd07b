using System.CommandLine;
using OneProxy.Application.Monotonicity;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy estimate-srcc</c>: how many measured architectures a reliable SRCC check needs.</summary>
public static class EstimateSrccCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions();
        var pair = new Option<string[]>("--pair", "-p")
        {
            Description = "The two devices, e.g. --pair pixel3,eyeriss",
            Required = true,
            CustomParser = CommonOptions.CommaList,
        };
        var samples = new Option<int[]>("--samples", "-k")
        {
            Description = "Sample sizes k to try (comma-separated)",
            DefaultValueFactory = _ => [10, 20, 30, 50, 100],
            CustomParser = CommonOptions.IntList,
        };
        var reps = new Option<int>("--repetitions", "-r") { Description = "Draws per sample size", DefaultValueFactory = _ => 100 };
        var seed = CommonOptions.Seed();
        var output = new OutputOptions();
        var cmd = new Command("estimate-srcc",
            "Estimate the SRCC of two devices from k random architectures, R times, and compare with the SRCC over all " +
            "architectures (Fig. 3.11(b)(c)): shows how many target measurements a monotonicity check needs.\n" +
            "Example: oneproxy estimate-srcc --pair pixel3,eyeriss --samples 10,20,50 --repetitions 200 --seed 1");
        cmd.With(data.All, [pair, samples, reps, seed], output.All);
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var r = EstimateSrccUseCase.Run(new EstimateSrccRequest(data.Bind(parse), parse.GetValue(pair)!, parse.GetValue(samples)!, parse.GetValue(reps), parse.GetValue(seed)));
            Log.Write(parse, r.Notes);
            output.Emit(parse, EstimateSrccUseCase.Table(r), () => EstimateSrccUseCase.Text(r), () => EstimateSrccUseCase.Json(r));
            return 0;
        }));
        return cmd;
    }
}
