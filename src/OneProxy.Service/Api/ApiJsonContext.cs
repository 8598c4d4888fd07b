using System.Text.Json.Serialization;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Api;

/// <summary>
/// Compile-time JSON metadata for the requests and answers of the agents' hot path (lease, renew,
/// post) and the served results, so they are (de)serialised without reflection. Other types
/// (anonymous answers) fall back to reflection through <see cref="ApiJson.Options"/>.
/// </summary>
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseResponse))]
[JsonSerializable(typeof(RenewRequest))]
[JsonSerializable(typeof(BatchRenewRequest))]
[JsonSerializable(typeof(BatchRenewResponse))]
[JsonSerializable(typeof(ResultRequest))]
[JsonSerializable(typeof(ResultResponse))]
[JsonSerializable(typeof(BatchResultsRequest))]
[JsonSerializable(typeof(BatchResultsResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(BestResponse))]
[JsonSerializable(typeof(FrontPoint[]))]
[JsonSerializable(typeof(OnboardingOutcome))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
