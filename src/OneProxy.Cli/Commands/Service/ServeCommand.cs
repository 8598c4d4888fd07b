using System.CommandLine;
using OneProxy.Aquaman.Service;
using OneProxy.Service;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Cli.Commands.Service;

/// <summary><c>oneproxy serve</c>: device onboarding as a service (API, agents' jobs, dashboard) on 127.0.0.1.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var d = new ServiceOptions { AdminKey = "unused-default-0000" };
        var store = new Option<string>("--store") { Description = "SQLite file, or a PostgreSQL connection string (\"Host=...;Database=...\") for several replicas", DefaultValueFactory = _ => d.Store };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 8016 };
        var space = new Option<string[]>("--space") { Description = "Search spaces to onboard devices in", DefaultValueFactory = _ => ["nasbench201"], CustomParser = CommonOptions.CommaList };
        var library = new Option<string[]?>("--library") { Description = "Characterised devices proxies are chosen from (default: every column of the space's latency table)", CustomParser = CommonOptions.CommaList };
        var latency = CommonOptions.Latency();
        var accuracy = CommonOptions.Accuracy();
        var adminKey = new Option<string?>("--admin-key") { Description = "Admin API key (default: $ONEPROXY_ADMIN_KEY, else a new one is printed)" };
        var pipelines = new Option<int>("--pipelines") { Description = "Onboarding pipelines at once on this replica", DefaultValueFactory = _ => d.Pipelines };
        var nice = new Option<int>("--pipeline-nice") { Description = "Linux nice value of the onboarding threads (0..19; 0: the API's priority)", DefaultValueFactory = _ => d.PipelineNice };
        var slots = new Option<int>("--compute-slots") { Description = "Pipelines computing at once (the others wait for measurements); default cores - 1 keeps a core for the API", DefaultValueFactory = _ => d.ComputeSlots };
        var leaseMs = new Option<int>("--lease-ms") { Description = "Default job lease", DefaultValueFactory = _ => d.LeaseMs };
        var plannerLease = new Option<int>("--planner-lease-ms") { Description = "How long a dead replica keeps its devices' pipelines", DefaultValueFactory = _ => d.PlannerLeaseMs };
        var pollMs = new Option<int>("--poll-ms") { Description = "How often a waiting pipeline re-reads results posted to other replicas", DefaultValueFactory = _ => d.ResultPollMs };
        var budget = new Option<int>("--budget") { Description = "Default measurements per device", DefaultValueFactory = _ => d.DefaultBudget };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body", DefaultValueFactory = _ => d.MaxBodyBytes };
        var refit = new Option<int>("--refit-every") { Description = "Algorithm 5's pruning: re-adapt every N pruning measurements (0: the paper's one-shot pruning, several times cheaper)", DefaultValueFactory = _ => new OnboardingSettings().RefitEvery };
        var seed = CommonOptions.Seed();
        var selection = new Option<string>("--selection-policy") { Description = "Bandit behind /select and /feedback: aquaman-nlaug (recommended) or aquaman (thesis Alg. 3-4)", DefaultValueFactory = _ => "aquaman-nlaug" };
        selection.AcceptOnlyFromAmong("aquaman-nlaug", "aquaman");
        var runSeconds = new Option<int?>("--run-seconds") { Description = "Stop by itself after this long (default: until Ctrl-C / SIGTERM)" };
        var cmd = new Command("serve",
            "Device onboarding as a service: register devices, agents lease measurement jobs, devices are onboarded as results arrive; dashboard at /dashboard, OpenAPI at /openapi/v1.json.\n" +
            "Example: oneproxy serve --store onboarding.db   (several replicas: --store \"Host=127.0.0.1;Port=5432;Username=u;Database=d\")")
        {
            store, port, space, library, latency, accuracy, adminKey, pipelines, slots, nice, leaseMs, plannerLease, pollMs, budget, maxBody, refit, seed, selection, runSeconds,
        };
        cmd.SetAction(AsyncGuard.Guarded(async (parse, ct) =>
        {
            var err = parse.InvocationConfiguration.Error;
            var key = parse.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("ONEPROXY_ADMIN_KEY");
            if (string.IsNullOrEmpty(key)) { key = OnboardingStore.NewKey(); err.WriteLine($"admin key (new; pass --admin-key to reuse one): {key}"); }
            var options = new ServiceOptions
            {
                Store = parse.GetValue(store)!, Port = parse.GetValue(port), Spaces = parse.GetValue(space)!, Library = parse.GetValue(library) ?? [],
                AdminKey = key, Pipelines = parse.GetValue(pipelines), ComputeSlots = parse.GetValue(slots), PipelineNice = parse.GetValue(nice), LeaseMs = parse.GetValue(leaseMs), PlannerLeaseMs = parse.GetValue(plannerLease),
                ResultPollMs = parse.GetValue(pollMs), DefaultBudget = parse.GetValue(budget), MaxBodyBytes = parse.GetValue(maxBody),
                Onboarding = new OnboardingSettings { Seed = parse.GetValue(seed), RefitEvery = parse.GetValue(refit) },
                SelectionPolicy = parse.GetValue(selection) == "aquaman" ? HostedExploration.Thesis : HostedExploration.NeuralLinUcbAugmented,
            }.Validate();
            var run = parse.GetValue(runSeconds) is int s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            return await ServeUseCase.RunAsync(new ServeRequest(options, parse.GetValue(latency), parse.GetValue(accuracy), run), parse.InvocationConfiguration.Output, err, ct);
        }));
        return cmd;
    }
}
