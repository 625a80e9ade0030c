using System.Globalization;
using System.Text.Json;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Core.Errors;
using Selene.Simulation.Scheduling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene schedule -f PATH... [--explain] [--json]</c>: reads manifests, schedules every pending pod with the
/// Kubernetes and space plugins, and prints where each went or why it could not. Bad documents are reported
/// (exit 2) and the rest still schedule.
/// </summary>
internal sealed class ScheduleCommand(CliConsoles consoles) : Command<ScheduleSettings>
{
    /// <summary>Most nodes shown per pod in an explanation table: the best by total score, then the rejections.</summary>
    private const int ExplainedNodes = 8;

    public override int Execute(CommandContext context, ScheduleSettings settings, CancellationToken cancellationToken)
    {
        var set = ManifestLoader.LoadPaths(settings.Paths);
        foreach (var extra in set.SchedulerConfigurations.Skip(1))
        {
            set.Diagnostics.Add(extra.Error("kind", $"only one KubeSchedulerConfiguration is read; the first is in {set.SchedulerConfigurations[0].File}"));
        }

        var cluster = new ClusterScheduler(
            pluginContext => set.SchedulerConfigurations.Count > 0
                ? SchedulerConfigurationReader.Read(set.SchedulerConfigurations[0], pluginContext, set.Diagnostics) ?? SchedulerConfiguration.Default(pluginContext)
                : SchedulerConfiguration.Default(pluginContext),
            new EphemerisNodeEnvironment(settings.AtUtc), settings.Seed, explain: settings.Explain);
        cluster.Load(set);
        cluster.RunUntilSettled();

        var rows = set.Pods.Select(p => Row(cluster, p.Value)).ToList();
        foreach (var diagnostic in set.Diagnostics)
        {
            var colour = diagnostic.Severity == DiagnosticSeverity.Error ? "red" : "yellow";
            consoles.Errors.MarkupLineInterpolated($"[{colour}]{diagnostic}[/]");
        }

        if (settings.Json)
        {
            var document = new
            {
                pods = rows.Select(r => new
                {
                    @namespace = r.Namespace,
                    name = r.Name,
                    node = r.Node,
                    priority = r.Priority,
                    status = r.Status,
                    message = r.Message,
                    attempts = r.Attempts,
                    explanation = settings.Explain ? r.Result?.Decision?.ToAnnotations().ToDictionary(a => a.Key, a => JsonDocument.Parse(a.Key == SchedulingDecision.SelectedNodeAnnotation ? JsonSerializer.Serialize(a.Value) : a.Value).RootElement) : null,
                }),
                nodes = cluster.Snapshot.Nodes.Select(n => new { name = n.Name, pods = n.Pods.Select(p => p.Key).Order(StringComparer.Ordinal) }),
                diagnostics = set.Diagnostics.Select(d => d.ToString()),
            };
            consoles.RawOut.Write(JsonSerializer.Serialize(document, CliJson.Options) + "\n");
        }
        else
        {
            var table = new Table().Title($"{rows.Count(r => r.Status is "Scheduled" or "Bound")} of {rows.Count} pods placed on {cluster.Snapshot.Nodes.Count} nodes")
                .AddColumns("pod", "priority", "node", "status", "why");
            foreach (var row in rows)
            {
                table.AddRow(Markup.Escape($"{row.Namespace}/{row.Name}"), row.Priority.ToString(CultureInfo.InvariantCulture), Markup.Escape(row.Node ?? "—"), row.Status, Markup.Escape(row.Message));
            }

            consoles.Out.Write(table);
            if (settings.Explain)
            {
                foreach (var row in rows.Where(r => r.Result?.Decision is not null))
                {
                    var order = cluster.SchedulerFor(row.Result!.Pod)?.Profile.Plugins.Select(p => p.Name).ToList() ?? [];
                    consoles.Out.Write(ExplainTable(row.Result, order));
                }
            }
        }

        return set.HasErrors ? SeleneApp.BadInput : SeleneApp.Success;
    }

    private sealed record PodRow(string Namespace, string Name, int Priority, string? Node, string Status, string Message, int Attempts, SchedulingResult? Result);

    private static PodRow Row(ClusterScheduler cluster, k8s.Models.V1Pod pod)
    {
        var key = $"{pod.Metadata.NamespaceProperty ?? "default"}/{pod.Metadata.Name}";
        var stored = cluster.Store.Get<k8s.Models.V1Pod>(pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name);
        var result = cluster.Latest.GetValueOrDefault(key);
        var attempts = cluster.Attempts.GetValueOrDefault(key);
        var priority = pod.Spec.Priority ?? 0;
        if (result is null)
        {
            return new PodRow(pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name, priority, stored?.Spec.NodeName, "Bound", "bound in its manifest", 0, null);
        }

        var status = result.Scheduled ? "Scheduled"
            : stored is null && result.Message.StartsWith("Preempted", StringComparison.Ordinal) ? "Preempted"
            : stored is null ? "Rejected"
            : "Pending";
        return new PodRow(result.Pod.Namespace, result.Pod.Name, priority, stored?.Spec.NodeName, status, result.Message, attempts, result);
    }

    private static Table ExplainTable(SchedulingResult result, List<string> pluginOrder)
    {
        var decision = result.Decision!;
        var nodes = decision.Filter.Keys
            .OrderByDescending(n => decision.FinalScore.ContainsKey(n))
            .ThenByDescending(decision.Total)
            .ThenBy(n => n, StringComparer.Ordinal)
            .Take(ExplainedNodes)
            .ToList();
        var more = decision.Filter.Count - nodes.Count;
        var table = new Table()
            .Title(Markup.Escape($"{result.Pod.Key} → {decision.SelectedNode ?? "no node"}") + (more > 0 ? $" ({more} more nodes evaluated)" : ""))
            .AddColumn("plugin");
        foreach (var node in nodes)
        {
            table.AddColumn(Markup.Escape(node == decision.SelectedNode ? $"{node} ✓" : node));
        }

        var plugins = decision.Filter.Values.SelectMany(v => v.Keys).Concat(decision.FinalScore.Values.SelectMany(v => v.Keys)).Distinct()
            .OrderBy(p => pluginOrder.IndexOf(p) is var i && i >= 0 ? i : int.MaxValue).ToList();
        foreach (var plugin in plugins)
        {
            table.AddRow([Markup.Escape(plugin), .. nodes.Select(node => Markup.Escape(Cell(decision, node, plugin)))]);
        }

        table.AddRow(["[bold]total[/]", .. nodes.Select(n => decision.FinalScore.ContainsKey(n) ? decision.Total(n).ToString(CultureInfo.InvariantCulture) : "")]);
        return table;
    }

    private static string Cell(SchedulingDecision decision, string node, string plugin)
    {
        var verdict = decision.Filter.GetValueOrDefault(node)?.GetValueOrDefault(plugin);
        var score = decision.FinalScore.GetValueOrDefault(node)?.TryGetValue(plugin, out var s) == true ? s.ToString(CultureInfo.InvariantCulture) : null;
        return (verdict, score) switch
        {
            (null, null) => "",
            ("passed", null) => "passed",
            ("passed", _) => score!,
            (null, _) => score!,
            _ => verdict!,
        };
    }
}
