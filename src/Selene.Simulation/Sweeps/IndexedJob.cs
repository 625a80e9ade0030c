using k8s;
using k8s.Models;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// A sweep as a Kubernetes Indexed Job (kubernetes.io/docs/tasks/job/indexed-parallel-processing-static): one completion
/// per run, each pod running <c>selene sweep run /sweep/sweep.yaml --out /results</c> with the index Kubernetes gives it in
/// <c>JOB_COMPLETION_INDEX</c>; the sweep file (and a scenario file beside it) as a ConfigMap; results on a shared
/// PersistentVolumeClaim; retries per index (<c>backoffLimitPerIndex</c>, <c>maxFailedIndexes</c>) and a pod failure
/// policy that fails an index at once on exit code 2 (bad input), retries it on 1 or on a disruption.
/// </summary>
public static class IndexedJob
{
    /// <summary>The worker's exit code for bad input: the index fails at once (FailIndex).</summary>
    public const int BadInputExitCode = 2;

    /// <summary>The worker's exit code for an internal failure: the index is retried (Count).</summary>
    public const int InternalFailureExitCode = 1;

    /// <summary>The ConfigMap and the Job for <paramref name="plan"/>.</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="sweepText">The sweep file's text.</param>
    /// <param name="scenarioText">The text of the scenario file it names, or null for a built-in one.</param>
    /// <param name="options">Image, claim, name and resources.</param>
    public static (V1ConfigMap ConfigMap, V1Job Job) Build(SweepPlan plan, string sweepText, string? scenarioText, IndexedJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Name;
        var data = new Dictionary<string, string> { ["sweep.yaml"] = sweepText };
        if (scenarioText is not null)
        {
            data[Path.GetFileName(plan.Spec.Scenario)] = scenarioText;
        }

        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = $"{name}-sweep", NamespaceProperty = options.Namespace },
            Data = data,
        };

        var container = new V1Container
        {
            Name = "selene",
            Image = options.Image,
            Args = ["sweep", "run", "/sweep/sweep.yaml", "--out", "/results"],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(options.Cpu), ["memory"] = new(options.Memory) },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(options.Memory) },
            },
            VolumeMounts =
            [
                new V1VolumeMount { Name = "sweep", MountPath = "/sweep", ReadOnlyProperty = true },
                new V1VolumeMount { Name = "results", MountPath = "/results" },
            ],
        };

        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = options.Namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "selene-sweep", ["selene.io/sweep"] = name },
            },
            Spec = new V1JobSpec
            {
                CompletionMode = "Indexed",
                Completions = plan.Runs.Count,
                Parallelism = Math.Min(options.Parallelism, plan.Runs.Count),
                BackoffLimitPerIndex = options.RetriesPerIndex,
                MaxFailedIndexes = Math.Max(0, plan.Runs.Count - 1),
                PodFailurePolicy = new V1PodFailurePolicy
                {
                    Rules =
                    [
                        new V1PodFailurePolicyRule
                        {
                            Action = "FailIndex",
                            OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { ContainerName = "selene", OperatorProperty = "In", Values = [BadInputExitCode] },
                        },
                        new V1PodFailurePolicyRule
                        {
                            Action = "Ignore",
                            OnPodConditions = [new V1PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget", Status = "True" }],
                        },
                        new V1PodFailurePolicyRule
                        {
                            Action = "Count",
                            OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { ContainerName = "selene", OperatorProperty = "In", Values = [InternalFailureExitCode] },
                        },
                    ],
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["selene.io/sweep"] = name } },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers = [container],
                        Volumes =
                        [
                            new V1Volume { Name = "sweep", ConfigMap = new V1ConfigMapVolumeSource { Name = configMap.Metadata.Name } },
                            new V1Volume { Name = "results", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = options.Storage } },
                        ],
                    },
                },
            },
        };

        return (configMap, job);
    }

    /// <summary>The two objects as one YAML file of two documents.</summary>
    public static string Yaml(V1ConfigMap configMap, V1Job job) =>
        KubernetesYaml.Serialize(configMap).TrimEnd('\n') + "\n---\n" + KubernetesYaml.Serialize(job).TrimEnd('\n') + "\n";

    /// <summary>
    /// What the Job's pod failure policy does with a pod of <paramref name="job"/> that exited with <paramref name="exitCode"/>
    /// (or was disrupted): the first rule that matches, as the Job controller applies them; "Count" when none does.
    /// </summary>
    public static string ActionFor(V1Job job, int exitCode, bool disrupted = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var rule in job.Spec.PodFailurePolicy?.Rules ?? [])
        {
            if (disrupted && rule.OnPodConditions?.Any(c => c.Type == "DisruptionTarget" && c.Status == "True") == true)
            {
                return rule.Action;
            }

            if (!disrupted && rule.OnExitCodes is { } codes)
            {
                var listed = codes.Values.Contains(exitCode);
                if (codes.OperatorProperty == "In" ? listed : !listed)
                {
                    return rule.Action;
                }
            }
        }

        return "Count";
    }
}

/// <summary>Where and how an Indexed Job of a sweep runs.</summary>
/// <param name="Image">The container image with selene as its entry point.</param>
/// <param name="Storage">The PersistentVolumeClaim the results go to (ReadWriteMany when pods run on several nodes).</param>
public sealed record IndexedJobOptions(string Image, string Storage)
{
    /// <summary>The Job's name (and the ConfigMap's prefix).</summary>
    public string Name { get; init; } = "selene-sweep";

    /// <summary>Its namespace.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Pods at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Retries of an index after an internal failure or a disruption counted against it.</summary>
    public int RetriesPerIndex { get; init; } = 2;

    /// <summary>CPU requested per pod (one simulation uses one core).</summary>
    public string Cpu { get; init; } = "1";

    /// <summary>Memory requested and allowed per pod.</summary>
    public string Memory { get; init; } = "2Gi";
}
