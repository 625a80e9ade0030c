using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>What every <c>selene sweep</c> command shares (nothing yet: the branch's settings).</summary>
internal class SweepBranchSettings : CommandSettings
{
}

/// <summary>Arguments of <c>selene sweep FILE</c> (the local executor).</summary>
internal sealed class SweepSettings : SweepBranchSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Sweep file: a scenario, seeds, the parameters to vary and the metrics to collect.")]
    public string File { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Folder for runs/, plan.json and the results.")]
    [DefaultValue("sweep-out")]
    public string Out { get; init; } = "sweep-out";

    [CommandOption("-j|--jobs <N>")]
    [Description("Runs at once, each on its own thread of one worker process (default: the cores).")]
    public int? Jobs { get; init; }

    [CommandOption("--missing")]
    [Description("Also rerun the runs that failed before (by default a rerun only does what has no result and no recorded failure).")]
    public bool Missing { get; init; }

    public override ValidationResult Validate() =>
        Jobs is { } jobs && jobs is < 1 or > 256 ? ValidationResult.Error("--jobs: must be from 1 to 256") : ValidationResult.Success();
}

/// <summary>Arguments of <c>selene sweep plan FILE</c>.</summary>
internal sealed class SweepPlanSettings : SweepBranchSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Sweep file.")]
    public string File { get; init; } = "";

    [CommandOption("--json")]
    [Description("Print the runs as JSON.")]
    public bool Json { get; init; }
}

/// <summary>Arguments of <c>selene sweep run FILE --index I --out DIR</c>.</summary>
internal sealed class SweepRunSettings : SweepBranchSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Sweep file.")]
    public string File { get; init; } = "";

    [CommandOption("--index <I>")]
    [Description("The run to do, 0 … N − 1 (default: JOB_COMPLETION_INDEX from the environment, as a Kubernetes Indexed Job sets it).")]
    public int? Index { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The sweep's output folder (shared by every run).")]
    [DefaultValue("sweep-out")]
    public string Out { get; init; } = "sweep-out";

    [CommandOption("--stdin")]
    [Description("Take run indexes from standard input, one a line, and answer each with a line `INDEX EXIT` (0 done, 2 bad input, 1 internal) as it finishes: the local executor's long-lived worker.")]
    public bool Stdin { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("With --stdin: runs at once, each on its own thread (default 1).")]
    [DefaultValue(1)]
    public int Parallel { get; init; } = 1;

    public override ValidationResult Validate() =>
        Parallel is < 1 or > 256 ? ValidationResult.Error("--parallel: must be from 1 to 256") : ValidationResult.Success();
}

/// <summary>Arguments of <c>selene sweep gather DIR</c>.</summary>
internal sealed class SweepGatherSettings : SweepBranchSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A sweep's output folder, filled by either executor.")]
    public string Folder { get; init; } = "";
}

/// <summary>Arguments of <c>selene sweep k8s FILE --image IMAGE --storage PVC</c>.</summary>
internal sealed class SweepK8sSettings : SweepBranchSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Sweep file (a scenario file it names goes into the ConfigMap beside it).")]
    public string File { get; init; } = "";

    [CommandOption("--image <IMAGE>")]
    [Description("Container image whose entry point is selene (see the Dockerfile).")]
    public string? Image { get; init; }

    [CommandOption("--storage <PVC>")]
    [Description("PersistentVolumeClaim the runs write their results to.")]
    public string? Storage { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("The Job's name.")]
    [DefaultValue("selene-sweep")]
    public string Name { get; init; } = "selene-sweep";

    [CommandOption("--namespace <NS>")]
    [Description("The namespace.")]
    [DefaultValue("default")]
    public string Namespace { get; init; } = "default";

    [CommandOption("--parallelism <N>")]
    [Description("Pods at once.")]
    [DefaultValue(8)]
    public int Parallelism { get; init; } = 8;

    [CommandOption("--out <FILE>")]
    [Description("Where to write the ConfigMap and the Job as YAML.")]
    [DefaultValue("sweep-job.yaml")]
    public string Out { get; init; } = "sweep-job.yaml";

    [CommandOption("--apply")]
    [Description("Also submit them through the current kube-context.")]
    public bool Apply { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Image) ? ValidationResult.Error("--image: give the container image that runs selene")
        : string.IsNullOrWhiteSpace(Storage) ? ValidationResult.Error("--storage: give the PersistentVolumeClaim for the results")
        : Parallelism is < 1 or > 100_000 ? ValidationResult.Error("--parallelism: must be from 1 to 100000")
        : ValidationResult.Success();
}
