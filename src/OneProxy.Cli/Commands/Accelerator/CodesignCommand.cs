using System.CommandLine;
using OneProxy.Reports.Figures;
using System.Globalization;
using OneProxy.Accelerators.Codesign;

namespace OneProxy.Cli.Commands.Accelerator;

/// <summary><c>oneproxy codesign</c>: semi-decoupled (Algorithm 6) vs fully coupled co-design on a model set.</summary>
public static class CodesignCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "nasbench301 or alphanet", Required = true };
        var target = new Option<string>("--target") { Description = "Target accelerator of the effectiveness protocol", DefaultValueFactory = _ => "hw19_KC-P" };
        var k = new Option<int>("--k") { Description = "Constraint pairs in stage 1 (|P| <= K)", DefaultValueFactory = _ => 20 };
        var limit = new Option<int>("--limit") { Description = "Use only the first N models", DefaultValueFactory = _ => int.MaxValue };
        var threshold = new Option<double>("--threshold") { Description = "SRCC threshold for the monotone-pair share", DefaultValueFactory = _ => 0.97 };
        var rule = new Option<string>("--p-rule") { Description = "Stage-1 constraint pairs: quantiles (k/K quantiles of proxy cycles and energy), front (K points of the proxy's accuracy/cycles/energy front) or pareto (that whole front)", DefaultValueFactory = _ => "pareto" };
        var slack = new Option<double>("--slack") { Description = "Budgets = the target front points' cycles and energy times (1 + slack)", DefaultValueFactory = _ => 0 };
        rule.AcceptOnlyFromAmong("quantiles", "front", "pareto");
        var layers = new Option<int>("--pareto-layers") { Description = "With --p-rule pareto: P = the first N non-dominated layers of the proxy (the thesis's near-Pareto fallback)", DefaultValueFactory = _ => 1 };
        var seed = CommonOptions.Seed();
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var proxiesCsv = new Option<string?>("--proxies-out") { Description = "Write one row per proxy (SRCC with the target, |P|, gap per constraint)" };
        var svg = new Option<string?>("--svg") { Description = "Figure (.svg, .png or .pdf) of the target's accuracy/cycles front with the three choices" };
        var cmd = new Command("codesign", "Semi-decoupled hardware/architecture co-design (thesis ch.4, Algorithm 6) vs the fully coupled search.\n" +
            "Example: oneproxy codesign --set nasbench301 --format csv")
        { set, target, k, limit, threshold, rule, slack, layers, seed, format, output, proxiesCsv, svg };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var svgPath = Log.FigurePath(parse, svg);
            var r = CodesignStudy.Run(new CodesignOptions(parse.GetValue(set)!, parse.GetValue(target)!, parse.GetValue(k), parse.GetValue(limit),
                parse.GetValue(threshold), parse.GetValue(seed), parse.GetValue(rule) switch { "front" => StageRule.Front, "pareto" => StageRule.Pareto, _ => StageRule.Quantiles }, parse.GetValue(slack), parse.GetValue(layers)));
            var err = parse.InvocationConfiguration.Error;
            err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Models} models x {r.Accelerators.Count} accelerators ({r.Rejected.Count} rejected), sweep {r.SweepTime.TotalSeconds:0.00} s"));
            CommonOptions.Emit(parse, output, CodesignReport.Format(r, parse.GetValue(format)!));
            if (parse.GetValue(proxiesCsv) is { } p) { File.WriteAllText(p, r.ProxiesCsv()); err.WriteLine($"wrote {p}"); }
            if (svgPath is { } s) { CodesignReport.Front(r).Save(s, svg.Name); err.WriteLine($"wrote {s}"); }
            return 0;
        }));
        return cmd;
    }
}
