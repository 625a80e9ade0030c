namespace Selene.Cli.Tests;

/// <summary>Runs the selene command line in-process with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Errors)
{
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SeleneApp.Run(args, stdout, stderr, interactive: false);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
