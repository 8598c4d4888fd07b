using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneProxy.Aquaman.Service;
using OneProxy.Service.Api;
using OneProxy.Storage;

namespace OneProxy.Service.Selection;

public sealed record SelectBody(
    [property: JsonPropertyName("device_id")] string DeviceId,
    [property: JsonPropertyName("features")] double[] Features,
    [property: JsonPropertyName("feasible_models")] string[]? FeasibleModels = null);

public sealed record FeedbackBody(
    [property: JsonPropertyName("decision_id")] long DecisionId,
    [property: JsonPropertyName("qoe")] double Qoe,
    [property: JsonPropertyName("model")] string? Model = null,
    [property: JsonPropertyName("device_id")] string? DeviceId = null);

/// <summary>Model selection for arriving devices (the Aquaman bandit): select, then feedback possibly hours later (admin key).</summary>
public static class SelectionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, PolicyHost policy)
    {
        var g = app.MapGroup("/api/v1").WithTags("model selection");

        g.MapGet("/select/catalog", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            return Results.Json(new
            {
                device_features = policy.Catalog.DeviceFeatures.Select(f => f.Name),
                models = policy.Catalog.Models.Select(m => m.Name),
            }, ApiJson.Options);
        }).WithSummary("The device features select expects (in order) and the models it chooses from.");

        g.MapPost("/select", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<SelectBody>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            var r = req!;
            if (Validation.Name(r.DeviceId) is string n) return ApiJson.Error(400, "device_id", n);
            int want = policy.Catalog.DeviceFeatures.Count;
            if (r.Features is null || r.Features.Length != want) return ApiJson.Error(400, "features", $"expected {want} numbers ({string.Join(", ", policy.Catalog.DeviceFeatures.Select(f => f.Name))})");
            if (r.FeasibleModels is { Length: > 64 }) return ApiJson.Error(400, "feasible_models", "at most 64 names");
            try
            {
                var s = await policy.SelectAsync(new SelectRequest(r.DeviceId, r.Features, r.FeasibleModels), JsonSerializer.Serialize(new { r.DeviceId, r.Features }), http.RequestAborted);
                return Results.Json(new { decision_id = s.DecisionId, model = s.Model, propensity = s.Propensity, predicted_qoe = s.PredictedQoe, confidence_width = s.ConfidenceWidth }, ApiJson.Options);
            }
            catch (ArgumentException e) { return ApiJson.Error(400, "features", e.Message); } // AquamanInputException included: nothing was stored
        }).Accepts<SelectBody>("application/json").WithSummary("Choose a model for an arriving device; keep decision_id for the feedback.");

        g.MapPost("/feedback", async (HttpContext http) =>
        {
            var (_, denied) = await Auth.RequireAsync(http, store, KeyRole.Admin);
            if (denied is not null) return denied;
            var (req, bad) = await ApiJson.ReadAsync<FeedbackBody>(http.Request, http.RequestAborted);
            if (bad is not null) return bad;
            var r = req!;
            if (!double.IsFinite(r.Qoe) || r.Qoe is < 0 or > 1) return ApiJson.Error(400, "qoe", $"must be in [0, 1], got {r.Qoe}");
            try
            {
                var f = await policy.FeedbackAsync(new FeedbackRequest(r.DecisionId, r.Qoe, r.Model, r.DeviceId), http.RequestAborted);
                return Results.Json(new { retrained = f.Retrained, feedback_count = f.FeedbackCount, pending = f.PendingDecisions }, ApiJson.Options);
            }
            catch (AquamanInputException e) when (e.Message.Contains("never made", StringComparison.Ordinal)) { return ApiJson.Error(404, "decision_id", e.Message); }
            catch (AquamanInputException e) when (e.Message.Contains("already has its feedback", StringComparison.Ordinal)) { return ApiJson.Error(409, "decision_id", e.Message); }
            catch (AquamanInputException e) { return ApiJson.Error(400, "body", e.Message); }
        }).Accepts<FeedbackBody>("application/json").WithSummary("QoE in [0, 1] for an earlier decision, once; the policy retrains every 100 feedbacks.");
    }
}
