using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneProxy.Service.Api;
using OneProxy.Service.Dashboard;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service;

/// <summary>A started service: its loopback address, its store and its planner, until disposed (graceful stop).</summary>
public sealed class RunningService(WebApplication app, OnboardingStore store, PlannerHost planner, string url) : IAsyncDisposable
{
    public string Url { get; } = url;
    public OnboardingStore Store { get; } = store;
    public PlannerHost Planner { get; } = planner;

    /// <summary>Cancelled when the host begins to stop (including after a background service failed).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>Stops accepting, drains requests in flight and gives planner leases back.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        using var cts = new CancellationTokenSource(drain);
        await app.StopAsync(cts.Token);
    }

    public Task WaitForShutdownAsync(CancellationToken ct) => app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        await app.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>Builds and starts `oneproxy serve`: Kestrel on 127.0.0.1, the JSON API, its OpenAPI document, the dashboard and the planner.</summary>
public static class ServiceHost
{
    public static async Task<RunningService> StartAsync(ServiceOptions options, IReadOnlyDictionary<string, OnboardingContext> contexts, CancellationToken ct)
    {
        options.Validate();
        var store = await OnboardingStore.OpenAsync(options.Store, ct);
        try
        {
            await store.AddKeyAsync(options.AdminKey, KeyRole.Admin, [], ct);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            // Log lines go to stderr: stdout carries only the "listening on" line a supervisor (or the benchmark) reads, and
            // a supervisor that keeps stderr keeps the reason a replica stopped (a failed background service is logged there).
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, options.Port);
                k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
                k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
                k.AddServerHeader = false;
            });
            builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(15));
            builder.Services.AddOpenApi();
            var signals = new ResultSignals();
            var work = new WorkSignal();
            builder.Services.AddSingleton(store).AddSingleton(contexts).AddSingleton(signals).AddSingleton(work).AddSingleton(options);
            builder.Services.AddSingleton<PlannerHost>().AddHostedService(sp => sp.GetRequiredService<PlannerHost>());
            builder.Services.AddHostedService<ResultFeed>();
            var app = builder.Build();
            // Server-Timing (a standard response header): the time from this middleware to the response's start, so a
            // client timing requests can tell the server's part of a slow request from queueing, transport and its own scheduling.
            app.Use(async (http, next) =>
            {
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                http.Response.OnStarting(() =>
                {
                    http.Response.Headers["Server-Timing"] = "app;dur=" +
                        System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                });
                await next(http);
            });
            app.MapOpenApi("/openapi/v1.json");
            app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
            DeviceEndpoints.Map(app, store, contexts, options);
            JobEndpoints.Map(app, store, signals, work, options);
            DashboardEndpoints.Map(app, store, contexts);
            Selection.SelectionEndpoints.Map(app, store, new Selection.PolicyHost(store, OneProxy.Aquaman.Service.ModelCatalog.ForThesisModels(), options.Onboarding.Seed, options.SelectionPolicy));
            await app.StartAsync(ct);
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RunningService(app, store, app.Services.GetRequiredService<PlannerHost>(), url);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
