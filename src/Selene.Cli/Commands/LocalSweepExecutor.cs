using System.Diagnostics;
using System.Globalization;
using Selene.Simulation.Sweeps;

namespace Selene.Cli.Commands;

/// <summary>
/// The local executor: one long-lived worker process (<c>selene sweep run FILE --stdin --parallel N</c>) kept N runs
/// busy, each on its own thread and handed the next as one finishes. One process compiles the code once for all its
/// runs and shares one heap; separate processes, each compiling and collecting for itself, gave 1.1–1.2× on two cores
/// where threads gave 1.3–1.5×. The worker outlives a call to <see cref="Run"/>, so <c>selene plan</c>, which runs one
/// small sweep after another through the same file, starts it once. Serves <c>selene sweep</c> and <c>selene plan</c>.
/// </summary>
internal sealed class LocalSweepExecutor(string sweepFile, string output, int jobs) : IDisposable
{
    private Process? _worker;

    /// <summary>
    /// Runs <paramref name="todo"/> (runs of the sweep file as it reads now), up to the pool's number at once;
    /// <paramref name="finished"/> hears of each run as it ends. When the worker dies, the runs it had fail with its exit
    /// code and what it wrote to standard error, and a new worker takes the rest. Returns how many runs failed.
    /// </summary>
    public int Run(IReadOnlyList<SweepRun> todo, Action finished)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(finished);
        var pending = new Queue<SweepRun>(todo);
        var running = new Dictionary<int, SweepRun>();
        var failures = 0;
        while (pending.Count > 0 || running.Count > 0)
        {
            _worker ??= Process.Start(Worker(["sweep", "run", sweepFile, "--out", output, "--stdin", "--parallel", jobs.ToString(CultureInfo.InvariantCulture)]))!;
            while (running.Count < jobs && pending.TryDequeue(out var next))
            {
                running[next.Index] = next;
                _worker.StandardInput.WriteLine(next.Index.ToString(CultureInfo.InvariantCulture));
            }

            _worker.StandardInput.Flush();
            var answer = _worker.StandardOutput.ReadLine();
            if (answer is null)
            {
                var errors = _worker.StandardError.ReadToEnd().Trim();
                _worker.WaitForExit();
                foreach (var run in running.Values)
                {
                    SweepWorker.RecordFailure(run, output, _worker.ExitCode, errors);
                    failures++;
                    finished();
                }

                running.Clear();
                _worker.Dispose();
                _worker = null;
                continue;
            }

            var parts = answer.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && running.Remove(index))
            {
                failures += parts[1] == "0" ? 0 : 1;
                finished();
            }
        }

        return failures;
    }

    /// <summary>Ends the worker: its standard input closes and it exits once its runs are answered.</summary>
    public void Dispose()
    {
        if (_worker is not null)
        {
            _worker.StandardInput.Close();
            _worker.WaitForExit();
            _worker.Dispose();
            _worker = null;
        }
    }

    // The command line that runs this same selene: the apphost, or dotnet with this assembly.
    private static ProcessStartInfo Worker(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SeleneApp).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
