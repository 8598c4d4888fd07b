using System.CommandLine;
using OneProxy.Application.Monotonicity;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy select-proxy</c>: the device monotone with the most others.</summary>
public static class SelectProxyCommand
{
    public static Command Create()
    {
        var data = new LatencyOptions(devices: true);
        var threshold = CommonOptions.Threshold();
        var sample = new Option<int?>("--sample", "-n")
        {
            Description = "Decide from this many random architectures measured on every device (Section 3.5.3 suggests 30-50); default: all rows",
        };
        var seed = CommonOptions.Seed();
        var output = new OutputOptions();
        var cmd = new Command("select-proxy",
            "Rank devices as proxy: monotone (SRCC >= threshold) with the most other devices, ties broken by mean SRCC.\n" +
            "Example: oneproxy select-proxy --space nasbench201 --sample 50 --seed 1");
        cmd.With(data.All, [threshold, sample, seed], output.All);
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var r = SelectProxyUseCase.Run(new SelectProxyRequest(data.Bind(parse), parse.GetValue(threshold), parse.GetValue(sample), parse.GetValue(seed)));
            Log.Write(parse, r.Notes);
            output.Emit(parse, SelectProxyUseCase.Table(r), () => SelectProxyUseCase.Text(r), () => SelectProxyUseCase.Json(r));
            return 0;
        }));
        return cmd;
    }
}
