using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene serve</c>.</summary>
internal sealed class ServeSettings : CommandSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("Addresses to listen on, ;-separated. Default: http://127.0.0.1:8888.")]
    public string Urls { get; init; } = "http://127.0.0.1:8888";

    [CommandOption("-f|--filename <PATH>")]
    [Description("Manifests (files or folders) of the cluster the extender answers for: its node cache and pods.")]
    public string[] Paths { get; init; } = [];

    public override ValidationResult Validate() =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Success()
            : ValidationResult.Error("--urls: expected http:// or https:// addresses such as http://0.0.0.0:8888");
}
