using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Selene.Core.Errors;
using Selene.Server.Api;
using Selene.Simulation.Live;
using Selene.Simulation.Scenarios;

namespace Selene.Server.Twin;

/// <summary>
/// The live twin and scenarios over REST: the twin's state now (<c>/api/twin</c>) and as server-sent events
/// (<c>/api/twin/stream</c>, one <c>state</c> event per tick), the power systems over the run
/// (<c>/api/twin/power</c>), the scenario and its workloads, and checking a scenario before it is run
/// (<c>POST /api/scenarios/validate</c>: each error with its line and field).
/// </summary>
public static class TwinEndpoints
{
    /// <summary>Largest scenario text accepted for validation.</summary>
    public const int MaxScenarioBytes = 1024 * 1024;

    /// <summary>Maps the endpoints: reads on <paramref name="read"/>, changes on <paramref name="operate"/>; <paramref name="twin"/> is null when the service runs none.</summary>
    public static void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder operate, LiveTwin? twin)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(operate);
        read.MapGet("/api/twin", () => twin is null ? NoTwin() : twin.Latest is { } state ? Results.Json(state) : Starting());
        read.MapGet("/api/twin/stream", (CancellationToken cancellationToken) => twin is null
            ? NoTwin()
            : TypedResults.ServerSentEvents(Events(twin, cancellationToken)));
        read.MapGet("/api/twin/power", async (CancellationToken cancellationToken) => twin is null
            ? NoTwin()
            : Results.Json((await twin.PowerAsync(cancellationToken)).Select(p => new
            {
                site = p.Site, policy = p.Policy, binSeconds = p.BinSeconds, stateOfCharge = p.StateOfCharge, solarWatts = p.SolarWatts, usedWatts = p.UsedWatts,
            })));
        read.MapGet("/api/scenarios", () => Results.Json(new
        {
            builtIn = BuiltInScenarios.Names,
            running = twin is null ? null : new { name = twin.Scenario.Name, speed = twin.Speed, finished = twin.Metrics is not null },
        }));
        read.MapGet("/api/scenarios/current", () => twin is null ? NoTwin() : Results.Json(ScenarioView.Of(twin.Scenario)));
        read.MapGet("/api/workloads", () =>
        {
            var scenario = twin?.Scenario;
            var now = twin?.Latest;
            return Results.Json(new
            {
                tenants = (scenario?.Tenants ?? []).Select(t => new
                {
                    name = t.Name, @class = t.Class.ToString().ToLowerInvariant(), priority = t.Priority, budgetSeconds = t.BudgetSeconds,
                    gpuTypes = (t.Serving?.GpuTypes ?? t.ServiceTimes.Keys).Order(StringComparer.Ordinal), live = now?.Tenants.FirstOrDefault(n => n.Name == t.Name),
                }),
                workloads = (scenario?.Tenants ?? []).Where(t => t.Serving is not null).Select(t => new
                {
                    name = t.Name, kind = t.Serving!.Workload.ToString(), @namespace = t.Name, replicas = t.Serving.Replicas.Initial, gpus = t.Serving.TensorParallel,
                }),
            });
        });
        operate.MapPost("/api/scenarios/validate", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var buffer = new char[MaxScenarioBytes + 1];
            var length = await reader.ReadBlockAsync(buffer, context.RequestAborted);
            if (length > MaxScenarioBytes)
            {
                return Problems.Of(413, "", $"a scenario is at most {MaxScenarioBytes} bytes");
            }

            try
            {
                var scenario = BuiltInScenarios.Parse(new string(buffer, 0, length), "scenario.yaml");
                return Results.Json(new { valid = true, scenario = ScenarioView.Of(scenario), warnings = scenario.Warnings.Select(Diagnostic) });
            }
            catch (InputException e)
            {
                var first = e.Errors.Count > 0 ? e.Errors[0] : null;
                return Results.Problem(statusCode: 422, title: "Invalid scenario", detail: e.Message, extensions: new Dictionary<string, object?>
                {
                    ["field"] = first?.Field ?? "",
                    ["line"] = first?.Line ?? 0,
                    ["errors"] = e.Errors.Select(Diagnostic).ToList(),
                });
            }
        });
    }

    private static object Diagnostic(InputDiagnostic d) => new { file = d.File, line = d.Line, column = d.Column, field = d.Field, message = d.Message };

    private static async IAsyncEnumerable<SseItem<TwinState>> Events(LiveTwin twin, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var state in twin.Watch(cancellationToken))
        {
            yield return new SseItem<TwinState>(state, "state");
        }
    }

    private static IResult NoTwin() => Problems.Of(404, "", "this service runs no twin: start it with --scenario");

    private static IResult Starting() => Problems.Of(503, "", "the twin is starting");
}
