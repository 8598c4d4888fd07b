using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OneProxy.Service.Onboarding;
using OneProxy.Storage;

namespace OneProxy.Service.Dashboard;

public static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, OnboardingStore store, IReadOnlyDictionary<string, OnboardingContext> contexts)
    {
    }
}
