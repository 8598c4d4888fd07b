using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Api;

/// <summary>Device registration (admin), deletion (admin) and per-device results: state, front, best design under a bound, predictor file.</summary>
public static class DeviceEndpoints
{
    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, IReadOnlyDictionary<string, OnboardingContext> contexts, ServiceOptions options)
    {
        var g = app.MapGroup("/api/v1/devices").WithTags("devices");

        g.MapPost("", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<RegisterDeviceRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            var r = req!;
            int budget = r.Budget ?? options.DefaultBudget;
            var problem =
                Validation.Name(r.Name) is string n ? ("name", n)
                : !contexts.ContainsKey(r.Space ?? "") ? ("space", $"this service onboards {string.Join(", ", contexts.Keys)}")
                : Validation.Range(r.BatchSize, 1, 4096) is string b ? ("batch_size", b)
                : Validation.Range(r.Threads, 0, 1024) is string t ? ("threads", t)
                : Validation.Range(r.InputSize, 0, 4096) is string i ? ("input_size", i)
                : Validation.Range(budget, options.Onboarding.ProxySample, 1000) is string bu ? ("budget", bu)
                : Validation.Features(r.Features) is { } f ? f
                : ((string, string)?)null;
            if (problem is var (field, message)) return ApiJson.Error(400, field, message);
            var features = JsonSerializer.Serialize(r.Features ?? new Dictionary<string, JsonElement>());
            if (!await store.AddDeviceAsync(r.Name, r.Space!, r.BatchSize, r.Threads, r.InputSize, features, budget, http.RequestAborted))
                return ApiJson.Error(409, "name", $"device '{r.Name}' is already registered");
            var key = OnboardingStore.NewKey();
            await store.AddKeyAsync(key, KeyRole.Agent, [r.Name], http.RequestAborted);
            return Results.Json(new RegisterDeviceResponse(r.Name, key), ApiJson.Options, statusCode: 201);
        }).Accepts<RegisterDeviceRequest>("application/json").Produces<RegisterDeviceResponse>(201).Produces<ApiError>(400)
          .WithSummary("Register a device for onboarding (admin key); returns the agent key of that device.");

        app.MapPost("/api/v1/keys", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<AgentKeyRequest>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            if (req!.Devices is not { Length: > 0 and <= 4096 }) return ApiJson.Error(400, "devices", "give 1..4096 device names");
            foreach (var d in req.Devices)
            {
                if (Validation.Name(d) is string n) return ApiJson.Error(400, "devices", $"'{(d.Length > 40 ? d[..40] : d)}': {n}");
                if (await store.GetDeviceAsync(d, http.RequestAborted) is null) return ApiJson.Error(404, "devices", $"no device '{d}'");
            }
            var key = OnboardingStore.NewKey();
            await store.AddKeyAsync(key, KeyRole.Agent, req.Devices, http.RequestAborted);
            return Results.Json(new { agent_key = key, devices = req.Devices }, ApiJson.Options, statusCode: 201);
        }).WithTags("devices").Accepts<AgentKeyRequest>("application/json")
          .WithSummary("A new agent key serving several registered devices (admin key): one agent host measuring for several devices.");

        g.MapDelete("/{name}", async (HttpContext http, string name) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            if (Validation.Name(name) is string bad) return ApiJson.Error(400, "name", bad);
            return await store.DeleteDeviceAsync(name, http.RequestAborted) ? Results.NoContent() : ApiJson.Error(404, "name", $"no device '{name}'");
        }).WithSummary("Delete a device with its jobs, results and keys (admin key).");

        g.MapGet("", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            var list = await store.ListDevicesAsync(http.RequestAborted);
            return Results.Json(list.Select(d => ToDto(d, withResult: false)).ToArray(), ApiJson.Options);
        }).Produces<DeviceDto[]>().WithSummary("Every device with onboarding state and progress (admin key).");

        g.MapGet("/{name}", async (HttpContext http, string name) =>
            await WithDevice(http, name, d => Task.FromResult(Results.Json(ToDto(d, withResult: true), ApiJson.Options))))
          .Produces<DeviceDto>().WithSummary("One device: state, progress and, once onboarded, proxy, rounds and fronts.");

        g.MapGet("/{name}/front", async (HttpContext http, string name) =>
            await WithOutcome(http, name, (_, o) => Results.Json(o.Front, ApiJson.Options)))
          .Produces<FrontPoint[]>().WithSummary("The device's Pareto front: measured latency and accuracy of each design.");

        g.MapGet("/{name}/best", async (HttpContext http, string name, double max_latency_ms, double? max_energy_mj) =>
            await WithDevice(http, name, async d =>
            {
                if (d.ResultJson is null) return NotYet(d);
                if (Validation.Latency(max_latency_ms) is string bad) return ApiJson.Error(400, "max_latency_ms", bad);
                if (max_energy_mj is double e && Validation.Energy(e) is string badE) return ApiJson.Error(400, "max_energy_mj", badE);
                var o = JsonSerializer.Deserialize<OnboardingOutcome>(d.ResultJson)!;
                if (max_energy_mj is not double maxE)
                {
                    var best = o.Front.Where(p => p.LatencyMs <= max_latency_ms).OrderByDescending(p => p.Accuracy).ThenBy(p => p.LatencyMs).FirstOrDefault();
                    return best is null
                        ? ApiJson.Error(404, "max_latency_ms", $"no design on the front of '{d.Name}' meets {max_latency_ms} ms (fastest: {o.Front.Min(p => p.LatencyMs):0.###} ms)")
                        : Results.Json(new BestResponse(d.Name, max_latency_ms, best.Architecture, best.LatencyMs, best.Accuracy), ApiJson.Options);
                }
                // Two bounds: the latency/accuracy front may hold no design within the energy bound while a
                // measured design off it does, so every measured design with an energy reading competes.
                if (!contexts.TryGetValue(d.Space, out var ctx)) return ApiJson.Error(409, "space", $"this replica does not serve space '{d.Space}'");
                var withEnergy = (await store.ResultsAsync(d.Name, http.RequestAborted)).Where(r => r.EnergyMj is not null).ToArray();
                var fits = withEnergy.Where(r => r.MedianMs <= max_latency_ms && r.EnergyMj <= maxE).ToArray();
                if (fits.Length == 0)
                    return ApiJson.Error(404, "max_energy_mj", withEnergy.Length == 0
                        ? $"'{d.Name}' has no measurement with energy_mj (its agent reported latency only)"
                        : $"none of the {withEnergy.Length} designs of '{d.Name}' measured with energy meets {max_latency_ms} ms and {maxE} mJ");
                var acc = ctx.Accuracy.PredictAll(fits.Select(r => ctx.Space.Parse(r.Architecture)).ToArray());
                int pick = Enumerable.Range(0, fits.Length).OrderByDescending(i => acc[i]).ThenBy(i => fits[i].MedianMs).ThenBy(i => fits[i].EnergyMj).First();
                return Results.Json(new BestResponse(d.Name, max_latency_ms, fits[pick].Architecture, fits[pick].MedianMs, acc[pick], maxE, fits[pick].EnergyMj), ApiJson.Options);
            }))
          .Produces<BestResponse>()
          .WithSummary("The most accurate design within max_latency_ms (from the front) and, given max_energy_mj, within that energy too (from every design measured with energy).");

        g.MapGet("/{name}/predictor", async (HttpContext http, string name) =>
            await WithOutcome(http, name, (d, o) => o.PredictorJson is null
                ? ApiJson.Error(404, "predictor", $"'{d.Name}' reused its proxy's front; no adapted predictor")
                : Results.Text(o.PredictorJson, "application/json")))
          .WithSummary("The adapted latency predictor as a versioned predictor file (as fit-predictor/adapt write).");

        g.MapGet("/{name}/measurements", async (HttpContext http, string name) =>
            await WithDevice(http, name, async d => Results.Json((await store.ResultsAsync(d.Name, http.RequestAborted))
                .Select(r => new { job_id = r.JobId, arch = r.Architecture, median_ms = r.MedianMs, energy_mj = r.EnergyMj, received_ms = r.ReceivedMs }), ApiJson.Options)))
          .WithSummary("Every measurement stored for the device, in arrival order.");

        async Task<IResult> WithDevice(HttpContext http, string name, Func<DeviceRecord, Task<IResult>> then)
        {
            var (grant, denied) = await Auth.RequireAsync(http, store, null);
            if (denied is not null) return denied;
            if (Validation.Name(name) is string bad) return ApiJson.Error(400, "name", bad);
            if (!Auth.MayRead(grant!, name)) return ApiJson.Error(403, "key", $"this key does not serve '{name}'");
            var d = await store.GetDeviceAsync(name, http.RequestAborted);
            return d is null ? ApiJson.Error(404, "name", $"no device '{name}'") : await then(d);
        }

        Task<IResult> WithOutcome(HttpContext http, string name, Func<DeviceRecord, OnboardingOutcome, IResult> then) =>
            WithDevice(http, name, d => Task.FromResult(d.ResultJson is null
                ? NotYet(d)
                : then(d, JsonSerializer.Deserialize<OnboardingOutcome>(d.ResultJson)!)));

        static IResult NotYet(DeviceRecord d) =>
            ApiJson.Error(409, "state", $"'{d.Name}' is {d.State.ToString().ToLowerInvariant()} ({d.Measured} of {d.Budget} measured)");
    }

    public static DeviceDto ToDto(DeviceRecord d, bool withResult) => new(
        d.Name, d.Space, d.State.ToString().ToLowerInvariant(), d.Budget, d.Planned, d.Measured, d.Error,
        JsonDocument.Parse(d.FeaturesJson).RootElement.Clone(),
        withResult && d.ResultJson is not null ? JsonDocument.Parse(d.ResultJson).RootElement.Clone() : null);
}
